//! Flowing cells: label text and runs of values gathered from a converter's layout (positioned
//! lines, one cell per line, reading-order text), and the layout signs a run carries — numbers
//! a converter printed over, wrapped or cut, bands of lines, header column names. The table
//! reader (`tables.rs`) names and places the runs.

use crate::number::{parse_folded, CellValue};
use crate::stream::Item;
use xxgk_model::{Cell, Extent, SourceRef, APP_COLUMN_LABELS};

/// Label text gathered before a run of values.
#[derive(Default, Clone)]
pub(crate) struct Label {
    /// Folded label text (prose clears it).
    pub(crate) text: String,
    /// The last label fragment, and where it is.
    pub(crate) last: String,
    pub(crate) source: Option<SourceRef>,
    /// Short labels in `text` (`3.其他`): row, and the character offset where each ends.
    pub(crate) shorts: Vec<(usize, usize)>,
}

/// Flowing cells being gathered into a run: label text, then the numbers that follow it.
#[derive(Default)]
pub(crate) struct Run {
    /// Label text since the last run closed.
    pub(crate) label: Label,
    /// The open run: its values, and the label text gathered before its first value.
    pub(crate) cells: Vec<Cell>,
    pub(crate) parsed: Vec<CellValue>,
    pub(crate) run_label: Label,
    /// Runs closed so far: each run's place in the stream.
    pub(crate) closed: usize,
}

/// A closed run, ready to be placed.
pub(crate) struct Values {
    /// Place in the stream (runs in the order they closed).
    pub(crate) seq: usize,
    /// Label text on the line right below a run laid out on one line (a label centred on its
    /// numbers wraps above and below them).
    pub(crate) after: String,
    pub(crate) label: Label,
    pub(crate) cells: Vec<Cell>,
    pub(crate) parsed: Vec<CellValue>,
}

impl Values {
    /// A grid row's cells as a run with no label or place in the stream (for X2).
    pub(crate) fn of_row(cells: &[Cell], parsed: &[CellValue]) -> Values {
        Values {
            seq: 0,
            after: String::new(),
            label: Label::default(),
            cells: cells.to_vec(),
            parsed: parsed.to_vec(),
        }
    }

    /// Every value comes from one laid-out line, so their extents can place them.
    pub(crate) fn on_one_line(&self) -> bool {
        let line = |c: &Cell| c.source.line_key();
        let first = self.cells.first().and_then(line);
        first.is_some()
            && self
                .cells
                .iter()
                .all(|c| c.extent.is_some() && line(c) == first)
    }
    /// A run printed over several lines of a band (a row whose cells are centred at different
    /// heights) is in column order left to right, when its values tile one row: every value
    /// placed, no two in the same column.
    /// Returns false when the values are placed but do not tile a row (values with no place
    /// keep their order).
    pub(crate) fn order_by_position(&mut self) -> bool {
        if self.cells.len() < 2
            || self.on_one_line()
            || self.cells.iter().all(|c| c.extent.is_none())
        {
            return true;
        }
        let Some(extents) = self
            .cells
            .iter()
            .map(|c| c.extent)
            .collect::<Option<Vec<Extent>>>()
        else {
            return false;
        };
        let tiles = extents
            .iter()
            .enumerate()
            .all(|(i, a)| extents[i + 1..].iter().all(|b| a.overlap(*b) == 0.0));
        if tiles {
            let mut order: Vec<usize> = (0..self.cells.len()).collect();
            order.sort_by(|&a, &b| extents[a].center().total_cmp(&extents[b].center()));
            self.cells = order.iter().map(|&i| self.cells[i].clone()).collect();
            self.parsed = order.iter().map(|&i| self.parsed[i].clone()).collect();
        }
        tiles
    }

    /// The same label and place, with no values.
    pub(crate) fn shell(&self) -> Values {
        Values {
            seq: self.seq,
            after: String::new(),
            label: self.label.clone(),
            cells: Vec::new(),
            parsed: Vec::new(),
        }
    }

    pub(crate) fn part(&self, range: std::ops::Range<usize>) -> (Vec<Cell>, Vec<CellValue>) {
        (
            self.cells[range.clone()].to_vec(),
            self.parsed[range].to_vec(),
        )
    }
}

/// Table 三 rows the layout split apart, kept until the rest of the stream explains them.
#[derive(Default)]
pub(crate) struct Split {
    /// Rows whose label came with fewer than 7 values and no position: (row, values).
    pub(crate) pending: Vec<(usize, Values)>,
    /// Whole rows of values that followed a row's own 7 (row they followed, values of 7k).
    pub(crate) overflow: Vec<(usize, Values)>,
    /// Rows whose label was printed with no values after it.
    pub(crate) orphans: Vec<usize>,
    /// Runs not placed, in stream order, with what they were taken for: reported (X2) at the
    /// end unless a statutory identity claims them.
    pub(crate) loose: Vec<(Values, String)>,
}

/// Label text longer than this, or with a full stop, is prose and not a label.
pub(crate) const LABEL_MAX_CHARS: usize = 60;

impl Run {
    pub(crate) fn clear_label(&mut self) {
        self.label = Label::default();
    }

    /// A fragment of label text (the run, if open, must be closed first).
    pub(crate) fn text(&mut self, folded: &str, source: &SourceRef) {
        if folded.contains('。') || folded.chars().count() > LABEL_MAX_CHARS {
            self.clear_label();
            return;
        }
        if self.label.text.len() > 4 * LABEL_MAX_CHARS * 3 {
            // Keep the tail: labels sit right before their numbers.
            let cut = self.label.text.len() - 2 * LABEL_MAX_CHARS * 3;
            let cut = (cut..self.label.text.len())
                .find(|&i| self.label.text.is_char_boundary(i))
                .unwrap_or(0);
            let dropped = self.label.text[..cut].chars().count();
            self.label.text.drain(..cut);
            self.label.shorts.retain(|&(_, end)| end > dropped);
            self.label
                .shorts
                .iter_mut()
                .for_each(|(_, end)| *end -= dropped);
        }
        self.label.text.push_str(folded);
        if let Some(row) = crate::template::short_row(folded) {
            self.label
                .shorts
                .push((row, self.label.text.chars().count()));
        }
        self.label.last.clear();
        self.label.last.push_str(folded);
        self.label.source = Some(source.clone());
    }

    pub(crate) fn value(&mut self, cell: Cell, parsed: CellValue) {
        if self.cells.is_empty() {
            self.run_label.clone_from(&self.label);
        }
        self.cells.push(cell);
        self.parsed.push(parsed);
    }

    pub(crate) fn take(&mut self) -> Option<Values> {
        if self.cells.is_empty() {
            return None;
        }
        self.clear_label();
        self.closed += 1;
        Some(Values {
            seq: self.closed,
            after: String::new(),
            label: std::mem::take(&mut self.run_label),
            cells: std::mem::take(&mut self.cells),
            parsed: std::mem::take(&mut self.parsed),
        })
    }
}

/// A number a converter printed over by a label that overflowed its column (html2text:
/// `0这一` where the cell holds 0): the leading number, when it is not an outline number
/// (`2.没有…`) and what follows is text, not more digits.
pub(crate) fn overprinted_number(folded: &str) -> Option<CellValue> {
    let digits = folded
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map(|(i, _)| i)?;
    let (number, rest) = folded.split_at(digits);
    let next = rest.chars().next()?;
    let outline = matches!(next, '.' | '、' | ')' | ':' | '．');
    // `5,` may be `5,248` cut short (nothing readable after the comma); only a 0 cannot go on.
    let after_comma = rest
        .strip_prefix(',')
        .map(|r| r.trim_start_matches('\u{FFFD}'));
    let cut = after_comma.is_some_and(str::is_empty) && number != "0";
    if number.is_empty() || outline || cut || rest.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    number
        .parse::<f64>()
        .ok()
        .map(|n| CellValue::Number(n, None))
}

/// The table 三 column a header fragment names: the name, or a start of it of two or more
/// characters that no other column name starts with (`商业企` of a wrapped `商业企业`).
pub(crate) fn header_column(folded: &str) -> Option<usize> {
    if folded.chars().count() < 2 {
        return None;
    }
    let mut hits = APP_COLUMN_LABELS
        .iter()
        .enumerate()
        .filter(|(_, n)| n.starts_with(folded));
    match (hits.next(), hits.next()) {
        (Some((c, _)), None) => Some(c),
        _ => None,
    }
}

/// The line a cell or paragraph of laid-out text is on (a key: see `SourceRef::line_key`).
pub(crate) fn line_of(source: &SourceRef) -> Option<u64> {
    source.line_key()
}

/// Text that starts with an outline number and its punctuation (`5.`, `（三）`, `四、`): the
/// start of a label, not the wrapped tail of one.
pub(crate) fn outline_numbered(folded: &str) -> bool {
    let bare = crate::fold::strip_numbering(folded);
    folded[..folded.len() - bare.len()].ends_with(['、', '.', '．', ')'])
}

/// Digits and separators only, but not a number (`１０，`): a piece of a number a converter
/// cut or wrapped.
pub(crate) fn number_piece(raw: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    raw.chars().any(digit)
        && raw
            .chars()
            .all(|c| digit(c) || ",，.．".contains(c) || c.is_whitespace() || c == '\u{FFFD}')
}

/// Two extents on different lines that a converter means as one column: overlapping, or
/// within two display columns (w3m shifts a wrapped piece by a character).
fn same_column(a: Extent, b: Extent) -> bool {
    a.overlap(b) > 0.0 || (a.start - b.end).max(b.start - a.end) <= 2.0
}

/// A full-width number that a converter cut mid-character (html2text: `１０，�`): what is
/// left is not the number.
pub(crate) fn cut_short(raw: &str) -> bool {
    raw.contains('\u{FFFD}') && raw.chars().any(|c| ('０'..='９').contains(&c))
}

/// Lines that follow each other with no blank line between, from the positioned row at
/// `start`: a band in which one table row may be printed over several lines.
pub(crate) fn band_end(items: &[Item<'_>], start: usize) -> usize {
    let line_of = |item: &Item<'_>| match item {
        Item::Row {
            positioned: true,
            cells,
            ..
        } => cells.first().and_then(|c| c.source.line_key()),
        _ => None,
    };
    let mut end = start + 1;
    let mut last = line_of(&items[start]);
    while let Some(item) = items.get(end) {
        match (last, line_of(item)) {
            (Some(a), Some(b)) if b == a + 1 => {
                last = Some(b);
                end += 1;
            }
            _ => break,
        }
    }
    end
}

/// Numbers a converter wrapped over several lines of one band (w3m breaks `２５，０９２` into
/// `，２４` over `９２`; pdftotext centres a two-line `１０` around a one-line row): two numbers
/// in the same column on lines of one band are pieces of one cell, unless both lines carry a
/// label of their own (two rows printed without a blank line) and no values-only line lies
/// between them. Such pieces cannot be read with certainty.
pub(crate) fn wrapped_cells(band: &[Item<'_>]) -> Vec<Vec<bool>> {
    struct Line {
        labelled: bool,
        /// The table 二 item or table 三 row the line's label text names.
        names: Option<(bool, usize)>,
        numbers: Vec<(usize, Extent)>,
    }
    let lines: Vec<Line> = band
        .iter()
        .map(|item| match item {
            Item::Row { cells, folded, .. } => {
                let mut numbers = Vec::new();
                let mut labelled = false;
                let mut text = String::new();
                for (k, (c, f)) in cells.iter().zip(folded).enumerate() {
                    let v = parse_folded(f);
                    let number = v.number().is_some()
                        || number_piece(&c.text)
                        || (labelled && overprinted_number(f).is_some());
                    if number {
                        if let Some(e) = c.extent {
                            numbers.push((k, e));
                        }
                    } else if !f.is_empty() {
                        labelled = true;
                        text.push_str(f);
                    }
                }
                let names = crate::template::active_item(&text)
                    .map(|item| (false, item as usize))
                    .or_else(|| {
                        let short = crate::template::short_row(&text);
                        let row = crate::template::name(&text, &[]).last.or(short);
                        row.map(|r| (true, r))
                    });
                Line {
                    labelled,
                    names,
                    numbers,
                }
            }
            _ => Line {
                labelled: false,
                names: None,
                numbers: Vec::new(),
            },
        })
        .collect();
    let mut out: Vec<Vec<bool>> = band
        .iter()
        .map(|item| match item {
            Item::Row { cells, .. } => vec![false; cells.len()],
            _ => Vec::new(),
        })
        .collect();
    for i in 0..lines.len() {
        for j in i + 1..lines.len().min(i + 4) {
            let between = &lines[i + 1..j];
            if between.iter().any(|l| l.labelled && l.numbers.is_empty()) {
                continue; // a label line between starts another row's text
            }
            let values_only_between = between.iter().any(|l| !l.labelled && !l.numbers.is_empty());
            // The lower line is a row of its own when its label names a row, and another one
            // than the line above: a label's wrapped tail names the same row, or none.
            let own_row = lines[j].names.is_some() && lines[j].names != lines[i].names;
            let separate_rows =
                lines[i].labelled && lines[j].labelled && own_row && !values_only_between;
            if separate_rows {
                continue;
            }
            for &(a, ea) in &lines[i].numbers {
                for &(b, eb) in &lines[j].numbers {
                    if same_column(ea, eb) {
                        out[i][a] = true;
                        out[j][b] = true;
                    }
                }
            }
        }
    }
    out
}
