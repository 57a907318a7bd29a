//! Table 四 (administrative review and litigation): the one row of 15 numbers; or fewer, where
//! the layout shows which cells are blank: on a laid-out line, each number under its column's
//! word; one cell per line, by the empty lines that blank cells leave.

use super::*;

/// The names over table 四's groups as printed: review and litigation.
const GROUP_NAMES: [&str; 2] = ["行政复议", "行政诉讼"];
/// The names over the two litigation groups: direct, and after review.
const LITIGATION_NAMES: [&str; 2] = ["未经复议直接起诉", "复议后起诉"];

/// Table 四's header as one cell per line prints it, in the official order: the group names,
/// the review group's words and the litigation groups' names, then each litigation group's
/// words (19 lines).
fn header_lines() -> impl Iterator<Item = &'static str> {
    GROUP_NAMES
        .into_iter()
        .chain(RL_COLUMN_LABELS)
        .chain(LITIGATION_NAMES)
        .chain(RL_COLUMN_LABELS)
        .chain(RL_COLUMN_LABELS)
}

/// The table 四 header word a folded line is, if it is one.
pub(super) fn rl_header_word(folded: &str) -> Option<&'static str> {
    header_lines().take(9).find(|w| *w == folded)
}

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

    /// Learns table 四's columns from a laid-out line: each run of its five column words, in
    /// order, with their extents (a converter prints the review group's words on one line and
    /// the two litigation groups' on the next, or all three on one), in display columns and in
    /// characters ([`narrow`]).
    pub(super) fn learn_rl_header(&mut self, cells: &[Cell], folded: &[Cow<'_, str>]) {
        let Some(narrow) = narrow(cells) else {
            return;
        };
        for start in 0..cells.len().saturating_sub(RL_COLUMN_LABELS.len() - 1) {
            let words = &folded[start..start + RL_COLUMN_LABELS.len()];
            if !words.iter().zip(RL_COLUMN_LABELS).all(|(w, l)| w == l) {
                continue;
            }
            let group = |extents: Vec<Extent>| <[Extent; 5]>::try_from(extents).ok();
            let wide = cells[start..start + RL_COLUMN_LABELS.len()]
                .iter()
                .map(|c| c.extent)
                .collect::<Option<Vec<Extent>>>()
                .and_then(group);
            let chars = group(narrow[start..start + RL_COLUMN_LABELS.len()].to_vec());
            if let (Some(wide), Some(chars)) = (wide, chars) {
                self.rl_header.push((wide, chars));
            }
        }
    }

    /// Table 四's numbers on one line of text laid out in columns, fewer than its 15 cells
    /// (blank cells print nothing): each is placed in the column whose word it lies under.
    /// Only where the three groups of column words were read, apart from each other; the
    /// numbers are the whole line, two or more, each under exactly one word, in the columns'
    /// order; they sit alike under their words (left, right or centred, to a column); counting
    /// a CJK character as one column, as `pdftotext -layout` does, places them nowhere else;
    /// and each group is wholly blank or whole and adding up (upheld + corrected + other +
    /// pending = total). Anything else leaves the line to X2, all of it null, for the text
    /// could mean another placement: a number between two words; a header printed twice; a
    /// header drifting against its numbers (it can sit alike by chance: the sums decide); a
    /// group partly blank or not adding up. Numbers on a PDF page (points, not columns) are
    /// not placed this way.
    pub(super) fn review_litigation_by_header(&mut self, v: &Values) -> bool {
        let in_columns = |c: &Cell| matches!(c.source, SourceRef::LineColumn { .. });
        let whole_line = v
            .cells
            .first()
            .and_then(|c| line_of(&c.source))
            .is_some_and(|l| self.laid_out_cells.get(&l) == Some(&v.cells.len()));
        if self.rl_seen
            || self.rl_header.len() != RL_GROUPS.len()
            || v.cells.len() < 2
            || !v.on_one_line()
            || !v.cells.iter().all(in_columns)
            || !whole_line
        {
            return false;
        }
        let mut groups = self.rl_header.clone();
        groups.sort_by(|a, b| a.0[0].start.total_cmp(&b.0[0].start));
        let wide: Vec<Extent> = groups.iter().flat_map(|g| g.0).collect();
        let chars: Vec<Extent> = groups.iter().flat_map(|g| g.1).collect();
        let numbers: Option<Vec<f64>> = v.parsed.iter().map(CellValue::number).collect();
        let at: Option<Vec<Extent>> = v.cells.iter().map(|c| c.extent).collect();
        let (Some(numbers), Some(at)) = (numbers, at) else {
            return false;
        };
        let Some(at_chars) = narrow(&v.cells) else {
            return false;
        };
        let Some(columns) = under_words(&wide, &at) else {
            return false;
        };
        if under_words(&chars, &at_chars).is_some_and(|other| other != columns) {
            return false;
        }
        let placed: Vec<(usize, f64)> = columns.into_iter().zip(numbers).collect();
        if !groups_confirmed(&placed) {
            return false;
        }
        self.rl_place(&placed, &v.cells);
        true
    }

    /// Writes table 四's values at their columns (0..15), each from its cell; the rest stay
    /// null.
    fn rl_place(&mut self, placed: &[(usize, f64)], cells: &[Cell]) {
        self.rl_seen = true;
        for (&(k, n), cell) in placed.iter().zip(cells) {
            let (g, c) = (k / 5, k % 5);
            self.report.review_litigation.group_mut(g)[c] = Some(Num(n));
            self.note_provenance(grid_path("review_litigation", RL_GROUPS[g], c), cell);
        }
    }

    /// Table 四's numbers one per line, fewer than its 15 cells, where the text is a stream of
    /// cells, one per line, each followed by the same blank lines, and an empty cell is an
    /// empty line followed by them (docx2txt): the blank lines before and between the numbers
    /// count the empty cells. Only where the 19 lines before the numbers are the table's header
    /// words in the official order (`行政复议`, `行政诉讼`, `结果维持` … `复议后起诉`, then the
    /// litigation groups' words), spaced alike by blank lines — so rows are not marked by blank
    /// lines of their own — with the five cells under the review group's merged words printed
    /// empty: the converter prints every empty cell, so a line the reader left out (a page
    /// number, a running head) mostly makes too many; the last number ends the row, one
    /// cell's spacing before the next line; the cells make exactly 15; and each group is
    /// wholly blank or whole and adding up, which a miscount would have to fake. A converter
    /// that leaves empty or covered cells out (mammoth) gets X2, all of it null, as before.
    pub(super) fn review_litigation_by_cell_lines(&mut self, v: &Values) -> bool {
        const COVERED: usize = 5;
        let n = v.cells.len();
        if self.rl_seen || !(2..15).contains(&n) {
            return false;
        }
        let Some(numbers) = v
            .cells
            .iter()
            .zip(&v.parsed)
            .map(|(c, p)| match (&c.source, p.number()) {
                (SourceRef::Line { line, cell: None }, Some(x)) => Some((u64::from(*line), x)),
                _ => None,
            })
            .collect::<Option<Vec<(u64, f64)>>>()
        else {
            return false;
        };
        let header: Vec<&str> = header_lines().collect();
        let lines = &self.cell_lines;
        let Ok(at) = lines.binary_search_by_key(&numbers[0].0, |(l, _)| *l) else {
            return false;
        };
        // The header lines, the numbers' lines, and the line after them.
        let (Some(start), Some(after)) = (at.checked_sub(header.len()), lines.get(at + n)) else {
            return false;
        };
        let head = &lines[start..at];
        let words_match = head
            .iter()
            .zip(&header)
            .all(|((_, word), want)| *word == Some(*want));
        let own_lines = lines[at..at + n]
            .iter()
            .zip(&numbers)
            .all(|((l, _), (m, _))| l == m);
        if !words_match || !own_lines {
            return false;
        }
        // The spacing of one cell: the step from one header word to the next. With no blank
        // line between cells, a line the reader left out (a page number, a running head) would
        // count as an empty cell; so cells must be spaced by blank lines.
        let step = head[1].0.saturating_sub(head[0].0);
        if step < 2 {
            return false;
        }
        // Where the litigation groups' words start: after the five cells the review group's
        // merged words cover, printed empty — the converter prints empty cells.
        let covered_gap = header.len() - 2 * RL_COLUMN_LABELS.len();
        let spaced_alike = head.windows(2).enumerate().all(|(i, w)| {
            let gap = w[1].0.saturating_sub(w[0].0);
            let want = if i + 1 == covered_gap {
                step * (1 + COVERED as u64)
            } else {
                step
            };
            gap == want
        });
        if !spaced_alike {
            return false;
        }
        // Empty cells before each number, and after the last.
        let empties = |from: u64, to: u64| -> Option<usize> {
            let gap = to.checked_sub(from)?;
            (gap % step == 0 && gap >= step)
                .then(|| usize::try_from(gap / step - 1).ok())
                .flatten()
        };
        let mut column = 0usize;
        let mut placed: Vec<(usize, f64)> = Vec::with_capacity(n);
        let mut previous = head[head.len() - 1].0;
        for &(line, x) in &numbers {
            let Some(e) = empties(previous, line) else {
                return false;
            };
            column += e;
            placed.push((column, x));
            column += 1;
            previous = line;
        }
        // The row ends with its last number: what follows may be spaced otherwise (a page
        // break, the next heading), so no empty cell is counted after it.
        if column != 15 || after.0.checked_sub(previous) != Some(step) {
            return false;
        }
        if !groups_confirmed(&placed) {
            return false;
        }
        self.rl_place(&placed, &v.cells);
        true
    }
}

/// The columns (0..15) that numbers at extents `at` lie under, one word each: every number
/// under exactly one of the column words `words` (disjoint, left to right), in order, all
/// sitting alike under their words (the same offset, to a column, from the word's left edge,
/// right edge or centre). `None` where they do not.
fn under_words(words: &[Extent], at: &[Extent]) -> Option<Vec<usize>> {
    if words.windows(2).any(|w| w[0].end > w[1].start) {
        return None;
    }
    let mut columns: Vec<usize> = Vec::with_capacity(at.len());
    let mut offsets: Vec<[f32; 3]> = Vec::with_capacity(at.len());
    for &e in at {
        let mut under = (0..words.len()).filter(|&k| words[k].overlap(e) > 0.0);
        let (Some(k), None) = (under.next(), under.next()) else {
            return None;
        };
        if columns.last().is_some_and(|&before| before >= k) {
            return None;
        }
        let w = words[k];
        offsets.push([e.start - w.start, e.end - w.end, e.center() - w.center()]);
        columns.push(k);
    }
    let alike = (0..3).any(|edge| {
        let (lo, hi) = offsets.iter().fold((f32::MAX, f32::MIN), |(lo, hi), o| {
            (lo.min(o[edge]), hi.max(o[edge]))
        });
        hi - lo <= 1.0
    });
    alike.then_some(columns)
}

/// The extents of a laid-out line's cells counting each character of the cells as one column,
/// as `pdftotext -layout` places text (its columns drift right of display columns by one for
/// each CJK character before them); wide characters between cells (U+3000) are not seen, so
/// this is an alternative reading to refuse by, never one to place by. `None` where a cell has
/// no extent.
fn narrow(cells: &[Cell]) -> Option<Vec<Extent>> {
    let mut drift = 0.0f32;
    cells
        .iter()
        .map(|c| {
            let e = c.extent?;
            let chars = c.text.trim().chars().count() as f32;
            let start = e.start - drift;
            drift += (e.end - e.start) - chars;
            Some(Extent {
                start,
                end: start + chars,
            })
        })
        .collect()
}

/// Every group of table 四 is wholly blank in `placed` (column, value), or whole and adding up
/// (upheld + corrected + other + pending = total): the sums confirm each value placed. (A
/// group with a few blank cells is not read this way: where its numbers sit is all the
/// evidence, and a layout's drift can fake it.)
fn groups_confirmed(placed: &[(usize, f64)]) -> bool {
    (0..RL_GROUPS.len()).all(|g| {
        let group: Vec<f64> = placed
            .iter()
            .filter(|(k, _)| k / 5 == g)
            .map(|&(_, n)| n)
            .collect();
        group.is_empty()
            || group.len() == 5 && (group[..4].iter().sum::<f64>() - group[4]).abs() < 1e-6
    })
}
