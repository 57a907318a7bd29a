//! Rows a layout split apart or printed without all their places: columns from the header or the
//! table's columns, and values rejoined where the statutory sums admit exactly one placement
//! (`inferred`).

use super::*;

impl Reader<'_> {
    /// Slots for a short row laid out on one line, by the header: each value nearest one of
    /// the seven column names, closer to it than half the gap to the next name.
    pub(super) fn by_header(&self, v: &Values) -> Option<Vec<Option<usize>>> {
        if !v.on_one_line() {
            return None;
        }
        let centers: Vec<f32> = self
            .header_columns
            .iter()
            .map(|e| e.map(Extent::center))
            .collect::<Option<Vec<f32>>>()?;
        if centers.windows(2).any(|w| w[0] >= w[1]) {
            return None; // the names are not in column order: not one header
        }
        let mut slots = vec![None; 7];
        for (i, cell) in v.cells.iter().enumerate() {
            let x = cell.extent?.center();
            let (k, d) = centers
                .iter()
                .enumerate()
                .map(|(k, c)| (k, (x - c).abs()))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            let gap = [k.checked_sub(1), Some(k + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| centers.get(j))
                .map(|c| (c - centers[k]).abs())
                .fold(f32::MAX, f32::min);
            if d >= gap / 2.0 || slots[k].is_some() {
                return None;
            }
            slots[k] = Some(i);
        }
        Some(slots)
    }

    /// Slots for a short row laid out on one line: each value in one of the table's seven
    /// columns, found from every table 三 value laid out on a line (ranges of value extents
    /// separated by a gap). Blank cells leave gaps in some rows, never the same in all.
    pub(super) fn by_columns(&self, v: &Values) -> Option<Vec<Option<usize>>> {
        if !v.on_one_line() {
            return None;
        }
        let mut extents = self.line_columns.clone();
        extents.sort_by(|a, b| a.start.total_cmp(&b.start));
        let mut columns: Vec<Extent> = Vec::new();
        for e in extents {
            match columns.last_mut() {
                Some(c) if e.start < c.end => c.end = c.end.max(e.end),
                _ => columns.push(e),
            }
        }
        if columns.len() != 7 {
            return None;
        }
        let mut slots = vec![None; 7];
        for (i, cell) in v.cells.iter().enumerate() {
            let e = cell.extent?;
            let k = columns.iter().position(|c| c.overlap(e) > 0.0)?;
            if slots[k].is_some() {
                return None;
            }
            slots[k] = Some(i);
        }
        Some(slots)
    }

    /// Rows split by the layout: the pending heads take their missing tails from `v` in
    /// template order, then each fresh row takes 7. Placed only when every completed row's
    /// 总计 equals the sum of its six columns (R3); otherwise the rows stay unplaced.
    pub(super) fn rejoin(&mut self, fresh: Vec<usize>, v: Values) {
        let pending = std::mem::take(&mut self.split.pending);
        let mut rows: Vec<(usize, Vec<Cell>, Vec<CellValue>)> = Vec::new();
        let mut at = 0;
        for (r, head) in &pending {
            let take = 7 - head.cells.len();
            // A row's tail comes before any later row read whole after its head.
            let head_line = head.cells.iter().filter_map(|c| line_of(&c.source)).max();
            let tail_line = v.cells.get(at).and_then(|c| line_of(&c.source));
            if let (Some(h), Some(t)) = (head_line, tail_line) {
                let overtaken = self.row_lines[r + 1..]
                    .iter()
                    .flatten()
                    .any(|&l| l > h && l < t);
                if overtaken {
                    self.split.pending = pending;
                    self.unplaced(v, "applications");
                    return;
                }
            }
            let (cells, parsed) = v.part(at..at + take);
            at += take;
            let mut whole = Values {
                cells: head.cells.clone(),
                parsed: head.parsed.clone(),
                ..head.shell()
            };
            whole.cells.extend(cells);
            whole.parsed.extend(parsed);
            // Placed on lines, the pieces join in column order, or not at all.
            if whole.cells.iter().any(|c| c.extent.is_some()) && !whole.order_by_position() {
                self.split.pending = pending;
                self.unplaced(v, "applications");
                return;
            }
            rows.push((*r, whole.cells, whole.parsed));
        }
        for r in fresh {
            let (cells, parsed) = v.part(at..at + 7);
            at += 7;
            rows.push((r, cells, parsed));
        }
        if !rows.iter().all(|(_, _, parsed)| sums_hold(parsed)) {
            self.split.pending = pending;
            self.unplaced(v, "applications");
            return;
        }
        let slots: Vec<Option<usize>> = (0..7).map(Some).collect();
        for (r, cells, parsed) in rows {
            self.app_seen[r] = true;
            self.write_app_row(r, 7, &slots, &cells, &parsed, true, v.label.source.as_ref());
        }
    }

    /// At the end of the document: whole rows that followed a row's own values go to the rows
    /// after it whose labels were printed with no values, in template order; what is still
    /// unexplained is reported and left null.
    pub(super) fn settle_split(&mut self) {
        // Short rows on one line each: by the table's columns.
        for (r, v) in std::mem::take(&mut self.split.pending) {
            match self.by_columns(&v) {
                Some(slots) if !self.app_seen[r] => self.place_row(r, &slots, &v),
                _ => self.split.pending.push((r, v)),
            }
        }
        let slots: Vec<Option<usize>> = (0..7).map(Some).collect();
        for (after, v) in std::mem::take(&mut self.split.overflow) {
            for (k, start) in (0..v.cells.len()).step_by(7).enumerate() {
                let r = after + 1 + k;
                let (cells, parsed) = v.part(start..start + 7);
                let mut free = r < 25 && !self.app_seen[r] && self.split.orphans.contains(&r);
                if let Some(i) = self.split.pending.iter().position(|(p, _)| *p == r) {
                    // Two readings of one row: the whole row wins only where R2 confirms it.
                    free = r == TOTAL_HANDLED && self.result_sums() == numbers(&parsed);
                    if free {
                        let (_, head) = self.split.pending.remove(i);
                        self.unplaced(head, APP_ROWS[r]);
                    }
                }
                if !free {
                    self.unplaced(v, APP_ROWS[after]);
                    break;
                }
                self.app_seen[r] = true;
                self.write_app_row(r, 7, &slots, &cells, &parsed, true, v.label.source.as_ref());
            }
        }
        for (r, v) in std::mem::take(&mut self.split.pending) {
            self.unplaced(v, APP_ROWS[r]);
        }
        self.split.loose.sort_by_key(|(v, _)| v.seq);
        for r in [TOTAL_HANDLED, 24, 0, 1] {
            self.claim_by_identity(r);
        }
        for (v, what) in std::mem::take(&mut self.split.loose) {
            self.report_unplaced(&v, &what);
        }
    }

    /// R2's side of （七）总计: the sum of the 21 result rows per column, where all are read.
    pub(super) fn result_sums(&self) -> Option<Vec<f64>> {
        (0..7)
            .map(|c| {
                (2..TOTAL_HANDLED)
                    .map(|r| self.report.applications.row(r)[c].map(|n| n.0))
                    .sum::<Option<f64>>()
            })
            .collect()
    }

    /// What R1 (and R2 for （七）总计) say an unread row of table 三 must hold, from rows read.
    pub(super) fn identity(&self, r: usize) -> Option<Vec<f64>> {
        let row = |i: usize| -> Option<Vec<f64>> {
            self.report
                .applications
                .row(i)
                .iter()
                .map(|v| v.map(|n| n.0))
                .collect()
        };
        let combine = |a: Vec<f64>, b: Vec<f64>, c: Vec<f64>| -> Vec<f64> {
            (0..7).map(|k| a[k] + b[k] - c[k]).collect()
        };
        let (new, over, total, forward) = (0, 1, TOTAL_HANDLED, 24);
        match r {
            0 => Some(combine(row(total)?, row(forward)?, row(over)?)),
            1 => Some(combine(row(total)?, row(forward)?, row(new)?)),
            TOTAL_HANDLED => self
                .result_sums()
                .or_else(|| Some(combine(row(new)?, row(over)?, row(forward)?))),
            24 => Some(combine(row(new)?, row(over)?, row(total)?)),
            _ => None,
        }
    }

    /// An unread row that R1/R2 determine, whose 7 values the layout printed in order but in
    /// pieces no label explains: consecutive loose runs that show exactly those values.
    pub(super) fn claim_by_identity(&mut self, r: usize) {
        if self.app_seen[r] {
            return;
        }
        let Some(expected) = self.identity(r) else {
            return;
        };
        let loose = &self.split.loose;
        // The row's values lie between the rows read before and after it in the stream.
        let after = self.row_lines[..r].iter().flatten().max().copied();
        let before = self.row_lines[r + 1..].iter().flatten().min().copied();
        let in_place = |v: &Values| {
            let line = v.cells.first().and_then(|c| line_of(&c.source));
            line.is_none_or(|l| after.is_none_or(|a| l > a) && before.is_none_or(|b| l < b))
        };
        let mut found = None;
        'start: for start in 0..loose.len() {
            if !in_place(&loose[start].0) {
                continue;
            }
            let mut shown: Vec<f64> = Vec::new();
            for (end, (v, _)) in loose.iter().enumerate().skip(start) {
                // Pieces of one row follow each other in the stream.
                if end > start && v.seq != loose[end - 1].0.seq + 1 {
                    break;
                }
                match numbers(&v.parsed) {
                    Some(n) => shown.extend(n),
                    None => break,
                }
                if shown.len() >= 7 {
                    if shown == expected {
                        found = Some(start..=end);
                        break 'start;
                    }
                    break;
                }
            }
        }
        if let Some(range) = found {
            let taken: Vec<(Values, String)> = self.split.loose.drain(range).collect();
            let cells: Vec<Cell> = taken.iter().flat_map(|(v, _)| v.cells.clone()).collect();
            let parsed: Vec<CellValue> = taken.iter().flat_map(|(v, _)| v.parsed.clone()).collect();
            let slots: Vec<Option<usize>> = (0..7).map(Some).collect();
            self.app_seen[r] = true;
            self.write_app_row(r, 7, &slots, &cells, &parsed, true, None);
        }
    }
}
