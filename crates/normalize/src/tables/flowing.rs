//! Flowing cells: label text and value runs from text laid out by a converter, one cell per line,
//! or PDF text; a run is named by the label text before it and placed on its row.

use super::review_litigation::rl_header_word;
use super::*;

impl Reader<'_> {
    /// A paragraph: a line of flowing text. A number on its own is a value of the open run.
    pub(super) fn para(&mut self, text: &str, source: &SourceRef) {
        let own_line = match source {
            SourceRef::Line { line, cell: None } => Some(u64::from(*line)),
            _ => None,
        };
        if text
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(LABEL_MAX_CHARS)
            .is_some()
        {
            self.cell_lines.extend(own_line.map(|l| (l, None)));
            self.close_run();
            self.release(None, None);
            self.run.clear_label();
            return;
        }
        let folded = crate::fold::fold(text);
        self.cell_lines
            .extend(own_line.map(|l| (l, rl_header_word(&folded))));
        let mut parsed = parse_folded(&folded);
        let glued = matches!(parsed, CellValue::Glued | CellValue::Unread);
        if glued {
            // A place for a value, unread: it keeps the run's count and its place.
            let cell = Cell::new(text.trim(), 0, source.clone());
            self.report_glued(std::slice::from_ref(&cell), std::slice::from_ref(&parsed));
            self.report_unread(std::slice::from_ref(&cell), std::slice::from_ref(&parsed));
            parsed = CellValue::Empty;
        }
        let is_value = parsed.number().is_some() || glued;
        if parsed == CellValue::Text {
            if let Some((_, values)) = crate::template::glued_item(&folded) {
                // `规章000`: the item's label, then its values.
                self.close_run();
                self.release(line_of(source), Some(folded.as_str()));
                self.claim_unlabelled();
                let label = &folded[..folded.len() - values.concat().len()];
                self.run.text(label, source);
                for v in values {
                    let value = parse_folded(&v);
                    self.run.value(Cell::new(v, 0, source.clone()), value);
                }
                return;
            }
        }
        if !is_value {
            self.close_run();
        }
        self.release(line_of(source), (!is_value).then_some(folded.as_str()));
        if is_value {
            self.run
                .value(Cell::new(text.trim(), 0, source.clone()), parsed);
        } else if !folded.is_empty() {
            self.close_run();
            self.claim_unlabelled();
            self.run.text(&folded, source);
        }
    }

    /// A laid-out line of cells placed by extent. `unreadable` marks the cells whose number a
    /// converter wrapped onto another line ([`wrapped_cells`]).
    pub(super) fn line(&mut self, cells: &[Cell], folded: &[Cow<'_, str>], unreadable: &[bool]) {
        let parsed: Vec<CellValue> = folded.iter().map(|f| parse_folded(f)).collect();
        let numbers = parsed
            .iter()
            .zip(folded)
            .filter(|(v, f)| v.number().is_some() || overprinted_number(f).is_some())
            .count();
        let line = cells.first().and_then(|c| line_of(&c.source));
        if let Some(l) = line {
            self.laid_out_cells.insert(l, cells.len());
        }
        let text: String = if numbers == 0 {
            folded.iter().map(|f| f.as_ref()).collect()
        } else {
            String::new()
        };
        if numbers == 0 {
            self.close_run();
        }
        self.release(line, (numbers == 0).then_some(text.as_str()));
        let mut has_text = false;
        let mut lost: Vec<&Cell> = Vec::new();
        for (k, ((cell, f), v)) in cells.iter().zip(folded).zip(parsed).enumerate() {
            let v = match v {
                CellValue::Text if has_text && numbers >= 3 => {
                    overprinted_number(f).unwrap_or(CellValue::Text)
                }
                v => v,
            };
            let piece = v == CellValue::Glued || v.number().is_none() && number_piece(&cell.text);
            if piece
                || v.number().is_some()
                    && (unreadable.get(k) == Some(&true) || cut_short(&cell.text))
            {
                // A value is here, but which one is not certain: it keeps its place, unread.
                lost.push(cell);
                self.run.value(cell.clone(), CellValue::Empty);
            } else if v.number().is_some() {
                self.run.value(cell.clone(), v);
            } else if !f.is_empty() {
                self.close_run();
                self.claim_unlabelled();
                self.run.text(f, &cell.source);
                has_text = true;
                if let (Some(c), Some(e)) = (header_column(f), cell.extent) {
                    self.header_columns[c] = Some(e);
                }
            }
        }
        if has_text {
            self.learn_rl_header(cells, folded);
            // A line with its own label and numbers is a whole row.
            self.close_run();
        }
        if let Some(first) = lost.first() {
            self.notes.push(Note::Cut {
                shown: lost.iter().map(|c| c.text.trim().to_string()).collect(),
                source: first.source.clone(),
            });
        }
    }

    pub(super) fn close_run(&mut self) {
        if let Some(values) = self.run.take() {
            if let Some(held) = self.held.take() {
                self.place(held);
            }
            if values.on_one_line() {
                self.held = Some(values);
            } else {
                self.place(values);
            }
        }
    }

    /// Places the held run before line `line` is read. When that line is the one right
    /// below, shows no values and does not start a label of its own, its text goes with the run.
    pub(super) fn release(&mut self, line: Option<u64>, text: Option<&str>) {
        let Some(mut held) = self.held.take() else {
            return;
        };
        let below = held
            .cells
            .first()
            .and_then(|c| line_of(&c.source))
            .map(|l| l + 1);
        if let Some(text) = text.filter(|t| line.is_some() && line == below && !outline_numbered(t))
        {
            held.after = text.to_string();
        }
        self.place(held);
    }

    /// Places a closed run: table 二 by its last label fragment, table 四 by its header, table
    /// 三 by the row its label text names.
    pub(super) fn place(&mut self, mut v: Values) {
        self.unlabelled = None;
        self.last_flowing_item = None;
        if !v.order_by_position() {
            // Values on several lines that overlap: pieces of cells, not one row.
            self.unplaced(v, "applications");
            return;
        }
        if let Some(item) = crate::template::active_item(&v.label.last) {
            self.place_active(item, v);
            return;
        }
        let named = crate::template::name(&v.label.text, &v.label.shorts);
        let strict = self.short_label(&v.label.last);
        if strict.is_none() && (named.review || named.rows.is_empty() && v.cells.len() == 15) {
            if v.cells.len() == 15 {
                self.review_litigation(&v.cells, &v.parsed);
            } else if named.review
                && !self.review_litigation_by_header(&v)
                && !self.review_litigation_by_cell_lines(&v)
            {
                self.unplaced(v, "review_litigation");
            }
            return;
        }
        let row = strict.or(named.last);
        if let Some(r) = row.filter(|_| !v.after.is_empty()) {
            // A label centred on its numbers: the text below must not name another row.
            let below = crate::template::name(&v.after, &[])
                .last
                .or(crate::template::short_row(&v.after));
            if below.is_some_and(|b| b != r) {
                self.unplaced(v, APP_ROWS[r]);
                return;
            }
        }
        let fresh = self.fresh_rows(&named.rows, strict);
        let n = v.cells.len();
        if let Some(r) = row {
            self.split.orphans.extend(fresh.iter().filter(|&&f| f != r));
            if n == 7 {
                self.place_seven(r, v);
                return;
            }
        }
        let deficit: usize = self
            .split
            .pending
            .iter()
            .map(|(_, p)| 7 - p.cells.len())
            .sum();
        if deficit > 0 && n == deficit + 7 * fresh.len() {
            self.split.orphans.retain(|o| !fresh.contains(o));
            self.rejoin(fresh, v);
            return;
        }
        let Some(r) = row else {
            if v.label.last.starts_with("本年") {
                self.unlabelled = Some(v); // a table 二 value printed before its item
            } else if self.app_seen.iter().any(|&s| s) && !self.rl_seen {
                self.unplaced(v, "applications");
            }
            return; // otherwise numbers outside the tables (page numbers, prose)
        };
        self.place_uneven(r, &fresh, v);
    }

    /// A run after a table 二 item: its one or three values, unless another label may own them.
    fn place_active(&mut self, item: ActiveItem, v: Values) {
        let n = v.cells.len();
        let two_of_three = self.report.format == Some(FormatVersion::V2019) && n == 3;
        let expected = match item {
            ActiveItem::Rules | ActiveItem::NormativeDocuments => n == 3,
            _ => n == 1 || two_of_three,
        };
        if expected && self.between_labels(&v) {
            self.unplaced(v, item.key());
        } else if expected {
            self.active(item, None, &v.cells, &v.parsed);
            if !v.on_one_line() {
                self.last_flowing_item = Some((item, v));
            }
        } else {
            self.unplaced(v, item.key());
        }
    }

    /// The table 三 rows a run's label names (and its short label, `strict`) that have no
    /// values yet and are not waiting for more, each once.
    fn fresh_rows(&self, named: &[usize], strict: Option<usize>) -> Vec<usize> {
        named
            .iter()
            .copied()
            .chain(strict)
            .filter(|&r| !self.app_seen[r] && !self.split.pending.iter().any(|(p, _)| *p == r))
            .fold(Vec::new(), |mut acc, r| {
                if !acc.contains(&r) {
                    acc.push(r);
                }
                acc
            })
    }

    /// Seven values after the label of row `r`.
    fn place_seven(&mut self, r: usize, v: Values) {
        // With no positions, seven values after a label are the row's only while the stream
        // keeps rows together; once it has split one, they must also add up.
        let disordered = !self.split.pending.is_empty()
            || !self.split.orphans.is_empty()
            || !self.split.overflow.is_empty()
            || !self.split.loose.is_empty();
        let placed = v.cells.iter().any(|c| c.extent.is_some());
        if disordered && !placed && !sums_hold(&v.parsed) {
            self.unplaced(v, APP_ROWS[r]);
            return;
        }
        if self.between_labels(&v) {
            self.unplaced(v, APP_ROWS[r]);
            return;
        }
        self.split.pending.retain(|(p, _)| *p != r);
        self.applications_flow(r, &v);
    }

    /// A run of other than seven values after the label of row `r`: several rows' worth that
    /// each add up, fewer placed by the header's columns or kept for the rest of the row, or
    /// left null.
    fn place_uneven(&mut self, r: usize, fresh: &[usize], v: Values) {
        let n = v.cells.len();
        if n > 7 && n.is_multiple_of(7) && fresh == [r] {
            let (cells, parsed) = v.part(0..7);
            let head = Values {
                seq: v.seq,
                after: String::new(),
                cells,
                parsed,
                label: Label {
                    source: v.label.source.clone(),
                    ..Label::default()
                },
            };
            if (7..n).step_by(7).all(|k| sums_hold(&v.parsed[k..k + 7])) {
                self.applications_flow(r, &head);
                let (cells, parsed) = v.part(7..n);
                self.split.overflow.push((
                    r,
                    Values {
                        cells,
                        parsed,
                        ..head
                    },
                ));
                return;
            }
        }
        if n < 7 && !self.app_seen[r] {
            if let Some(slots) = self.by_header(&v) {
                self.place_row(r, &slots, &v);
                return;
            }
            if v.on_one_line() {
                self.line_columns
                    .extend(v.cells.iter().filter_map(|c| c.extent));
            }
            self.split.pending.retain(|(p, _)| *p != r);
            self.split.pending.push((r, v));
            return;
        }
        self.unplaced(v, APP_ROWS[r]);
    }

    /// Values on lines of their own between the label above them and a label below that
    /// names another row or item and shows no values on its line, in a document that prints
    /// some values above their labels: either label may own them, so neither does.
    pub(super) fn between_labels(&self, v: &Values) -> bool {
        if !self.values_above {
            return false;
        }
        let label_line = v.label.source.as_ref().and_then(line_of);
        let lines: Option<Vec<u64>> = v.cells.iter().map(|c| line_of(&c.source)).collect();
        let Some(last) = lines.as_ref().and_then(|l| l.iter().max().copied()) else {
            return false;
        };
        if lines.iter().flatten().any(|l| Some(*l) == label_line) {
            return false; // values on their label's line
        }
        let Some((_, below)) = self.flow_lines.range(last + 1..).next() else {
            return false;
        };
        let names = |text: &str| {
            crate::template::active_item(text).is_some()
                || crate::template::name(text, &[]).last.is_some()
                || crate::template::short_row(text).is_some()
        };
        below.values == 0 && names(&below.label) && !names_same(&v.label.text, &below.label)
    }

    /// A table 二 item label with no value after it, right after a run of values with no item
    /// label: the run is the item's, if its count is the item's (marked inferred).
    pub(super) fn claim_unlabelled(&mut self) {
        if !self.run.cells.is_empty() {
            return;
        }
        let Some(item) = crate::template::active_item(&self.run.label.last) else {
            return;
        };
        let Some(v) = self.unlabelled.take() else {
            // Item, value, item with no value: in reading order either item may own the value.
            if let Some((before, v)) = self.last_flowing_item.take() {
                self.retract_active(before);
                self.report_unplaced(&v, &format!("{}/{}", before.key(), item.key()));
            }
            return;
        };
        let count = match item {
            ActiveItem::Rules | ActiveItem::NormativeDocuments => 3,
            _ => 1,
        };
        if v.cells.len() == count && !self.active_seen.contains(&item) {
            let mark = self.provenance.len();
            self.active(item, None, &v.cells, &v.parsed);
            for (_, p) in &mut self.provenance[mark..] {
                p.inferred = true;
            }
        }
    }

    /// Takes back a table 二 item read from a flowing run that turned out ambiguous.
    pub(super) fn retract_active(&mut self, item: ActiveItem) {
        let a = &mut self.report.active;
        match item {
            ActiveItem::Licensing => a.licensing = None,
            ActiveItem::Punishment => a.punishment = None,
            ActiveItem::Enforcement => a.enforcement = None,
            ActiveItem::Fees => a.fees = None,
            ActiveItem::Rules | ActiveItem::NormativeDocuments => return,
        }
        let path = format!("active.{}", item.key());
        self.provenance.retain(|(p, _)| *p != path);
    }

    /// The row a short last label names: `3.其他`, `（七）总计`, and outside the 2021 format
    /// the single 2019 row `（六）其他处理` (in 2021 it is a group label).
    pub(super) fn short_label(&self, last: &str) -> Option<usize> {
        let bare = crate::fold::strip_numbering(last);
        match bare {
            "其他处理"
                if bare.len() < last.len() && self.report.format != Some(FormatVersion::V2021) =>
            {
                Some(OTHER_MISC)
            }
            _ => crate::template::short_row(last),
        }
    }

    /// A whole flowing row of 7 values.
    pub(super) fn applications_flow(&mut self, r: usize, v: &Values) {
        if v.on_one_line() {
            self.line_columns
                .extend(v.cells.iter().filter_map(|c| c.extent));
        }
        let label = v.label.source.clone().unwrap_or(SourceRef::Line {
            line: 0,
            cell: None,
        });
        self.applications(None, r, &label, &v.cells, &v.parsed);
    }

    /// A short row laid out on one line, placed by position (read, not inferred).
    pub(super) fn place_row(&mut self, r: usize, slots: &[Option<usize>], v: &Values) {
        self.app_seen[r] = true;
        let label = v.label.source.as_ref();
        self.write_app_row(r, 7, slots, &v.cells, &v.parsed, false, label);
    }
}
