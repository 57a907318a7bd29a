//! Table 四 (administrative review and litigation): the one row of 15 numbers.

use super::*;

impl Reader<'_> {
    pub(super) fn review_litigation(&mut self, cells: &[Cell], parsed: &[CellValue]) {
        if self.rl_seen {
            return;
        }
        let filled: Vec<usize> = (0..cells.len())
            .filter(|&i| is_filled(&parsed[i]))
            .collect();
        let trimmed_len = parsed.iter().rposition(is_filled).map_or(0, |i| i + 1);
        let positions: Vec<usize> = if cells.len() == 15 || trimmed_len == 15 {
            (0..15).collect()
        } else if filled.len() == 15 {
            filled
        } else {
            self.notes.push(Note::Unlabelled {
                count: filled.len(),
                source: cells.first().map(|c| c.source.clone()),
            });
            return;
        };
        self.rl_seen = true;
        for (n, &i) in positions.iter().enumerate() {
            let (g, k) = (n / 5, n % 5);
            self.report.review_litigation.group_mut(g)[k] = parsed[i].number().map(Num);
            self.note_provenance(grid_path("review_litigation", RL_GROUPS[g], k), &cells[i]);
        }
    }
}
