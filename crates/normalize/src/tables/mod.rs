//! The three statutory tables, found by their labels anywhere in the document.
//!
//! Two kinds of rows reach the reader, in document order:
//! - **grid rows** (DOCX, XLSX, HTML, tab-separated text): a row is a row. Header rows (no
//!   numbers) teach the column positions; data rows are matched by label: table 二 by item
//!   (`规章`, `行政许可`, …), table 三 by row label, 7 values (8 with a 小计 column); table 四 is
//!   the one unlabelled row of 15 numbers;
//! - **flowing cells** (text laid out by a converter, one cell per line, PDF text): rows are
//!   rebuilt from the stream. Label text gathers until numbers follow; the numbers up to the
//!   next label text form a *run*, and the [`template`](crate::template) names the row the run
//!   belongs to from any piece of its label. Columns are assigned by count (7 of 7), else by
//!   position against the last full row, else not at all (X2, values left null); table 四's
//!   by the column words each number lies under, or by the empty cells blank lines count.
//!   Rows that the layout split apart are rejoined only where the statutory sums admit
//!   exactly one placement, and such values are marked `inferred` in provenance.
//!
//! At the end, recognised digits read with doubt are taken where the sums determine them
//! (`proofread.rs`).

mod active;
mod applications;
mod flowing;
mod grid;
mod notes;
mod proofread;
mod review_litigation;
mod split;

use crate::flow::{
    band_end, cut_short, header_column, line_of, number_piece, outline_numbered,
    overprinted_number, wrapped_cells, Label, Run, Split, Values, LABEL_MAX_CHARS,
};
use crate::labels::{self, app_column, app_row, ActiveItem, OTHER_MISC};
use crate::notes::{Alignment, Note};
use crate::number::{parse_folded, CellValue};
use crate::stream::Item;
use std::borrow::Cow;
use std::collections::BTreeMap;
use xxgk_model::{
    grid_path, Cell, Extent, Finding, FormatVersion, Lang, Num, Provenance, Report, SourceRef,
    APP_COLUMNS, APP_ROWS, RL_COLUMN_LABELS, RL_GROUPS,
};

/// What one table has taught about its columns.
#[derive(Default)]
struct ColumnState {
    /// Grid column -> table 三 column (0..=6, 7 = 小计), from header labels.
    header: BTreeMap<u32, usize>,
    /// Grid columns of the last data row that showed a full run of values, as numbered in
    /// the table and counted from the first cell after the row's label.
    reference: Option<(Vec<u32>, Vec<u32>)>,
    /// Grid column -> table 二 (一) column (issued, repealed, in force), from its header.
    active: BTreeMap<u32, usize>,
}

impl ColumnState {
    fn has_subtotal(&self) -> bool {
        self.header.values().any(|&c| c == 7)
    }
    fn complete_header(&self) -> bool {
        (0..7).all(|c| self.header.values().any(|&v| v == c))
    }
}

struct Reader<'r> {
    report: &'r mut Report,
    /// What the reading noted (values left null, rows aligned, …): findings at the end.
    notes: Vec<Note>,
    columns: BTreeMap<usize, ColumnState>,
    app_seen: [bool; 25],
    active_seen: Vec<ActiveItem>,
    rl_seen: bool,
    single_other_row: bool,
    /// Provenance in reading order; becomes `report.provenance` at the end (one bulk build
    /// instead of a map insert per value).
    provenance: Vec<(String, Provenance)>,
    /// Flowing cells: the run being gathered, and what the runs so far left open.
    run: Run,
    split: Split,
    /// Extents of every table 三 value read from a laid-out line: the table's columns.
    line_columns: Vec<Extent>,
    /// Where the last laid-out header named each table 三 column (`自然人` … `总计`).
    header_columns: [Option<Extent>; 7],
    /// Table 四's column words (`结果维持` … `总计`) where laid-out lines print them: one
    /// group of five for each run of the five words in order, in display columns and in
    /// characters.
    rl_header: Vec<([Extent; 5], [Extent; 5])>,
    /// How many cells each laid-out line has.
    laid_out_cells: BTreeMap<u64, usize>,
    /// Text lines that are one paragraph each, in order: the line, and the table 四 header
    /// word it is, if any. Where such lines are the table's cells, the gaps between their
    /// line numbers count its empty cells ([`Reader::review_litigation_by_cell_lines`]).
    cell_lines: Vec<(u64, Option<&'static str>)>,
    /// The last run, if it came right after a table 二 column header with no item label: a
    /// layout that prints the value before its label (pdftotext's reading order).
    unlabelled: Option<Values>,
    /// A run laid out on one line, placed once the line below it is known.
    held: Option<Values>,
    /// The last run, if it was a table 二 item's value read from lines with no positions.
    last_flowing_item: Option<(ActiveItem, Values)>,
    /// The line each table 三 row's values were read from, where they have one.
    row_lines: [Option<u64>; APP_ROWS.len()],
    /// Flowing lines (one paragraph piece or more each): whether each shows values, and its
    /// label text folded.
    flow_lines: BTreeMap<u64, FlowLine>,
    /// The document prints some rows' values on the line above their label: a line of values
    /// right after a line that had its own, or right under table 三's header.
    values_above: bool,
    /// The table 三 row the last grid row was read as (table, row).
    last_grid_row: Option<(usize, usize)>,
    /// The grid row after it, if OCR read its values but not its label: placed by its
    /// position once the next row names the row after it ([`Reader::row`]).
    label_unread: Option<LabelUnread>,
    /// The table 二 items some row's cell names exactly: a recognised label only resembling
    /// one of them is another row's, misread ([`crate::template::resembled_active_item`]).
    named_items: Vec<ActiveItem>,
}

/// A recognised grid row of table 三 whose label was not read, and the row before it.
struct LabelUnread {
    table: usize,
    after: usize,
    cells: Vec<Cell>,
    parsed: Vec<CellValue>,
    label: Cell,
}

/// One line of flowing paragraphs.
#[derive(Default)]
struct FlowLine {
    values: usize,
    label: String,
}

/// The flowing lines of the document, and whether any line of values alone follows a line
/// with values of its own or table 三's applicant header (a row printed above its label).
fn flow_lines(items: &[Item<'_>]) -> (BTreeMap<u64, FlowLine>, bool) {
    let mut lines: BTreeMap<u64, FlowLine> = BTreeMap::new();
    // Only lines split into pieces (a label and its values on one line) can show it.
    let mut previous_line = None;
    let pieces = items.iter().any(|item| match item {
        Item::Para { source, .. } => {
            let line = line_of(source);
            let same = line.is_some() && line == previous_line;
            previous_line = line;
            same
        }
        _ => false,
    });
    if !pieces {
        return (lines, false);
    }
    for item in items {
        if let Item::Para { text, source } = item {
            let Some(line) = line_of(source) else {
                continue;
            };
            let folded = crate::fold::fold(text);
            let entry = lines.entry(line).or_default();
            if parse_folded(&folded).number().is_some() {
                entry.values += 1;
            } else {
                entry.label.push_str(&folded);
            }
        }
    }
    // Table 三's applicant columns: a line of values right under them has no label yet.
    let applicant_header = |label: &str| {
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构"]
            .iter()
            .any(|w| label.contains(w))
    };
    let mut above = false;
    let mut previous: Option<&FlowLine> = None;
    for l in lines.values() {
        // Lines of several values: one value per line (one cell per line) says nothing.
        let values_alone = l.values >= 2 && l.label.is_empty();
        if values_alone && previous.is_some_and(|p| p.values >= 2 || applicant_header(&p.label)) {
            above = true;
        }
        previous = Some(l);
    }
    (lines, above)
}

pub(crate) fn read_tables(
    items: &[Item<'_>],
    lang: Lang,
    report: &mut Report,
    findings: &mut Vec<Finding>,
) {
    report.format = detect_format(items);
    let (flow_lines, values_above) = flow_lines(items);
    let mut r = Reader {
        report,
        notes: Vec::new(),
        columns: BTreeMap::new(),
        app_seen: [false; 25],
        active_seen: Vec::new(),
        rl_seen: false,
        single_other_row: false,
        provenance: Vec::with_capacity(200),
        run: Run::default(),
        split: Split::default(),
        line_columns: Vec::new(),
        header_columns: [None; 7],
        rl_header: Vec::new(),
        laid_out_cells: BTreeMap::new(),
        cell_lines: Vec::new(),
        unlabelled: None,
        last_flowing_item: None,
        held: None,
        row_lines: [None; APP_ROWS.len()],
        flow_lines,
        values_above,
        last_grid_row: None,
        label_unread: None,
        named_items: named_items(items),
    };
    let mut i = 0;
    while let Some(item) = items.get(i) {
        i += 1;
        match item {
            Item::Para { text, source } => r.para(text, source),
            Item::Row {
                positioned: true, ..
            } => {
                let end = band_end(items, i - 1);
                let band = &items[i - 1..end];
                for (item, unreadable) in band.iter().zip(wrapped_cells(band)) {
                    if let Item::Row { cells, folded, .. } = item {
                        r.line(cells, folded, &unreadable);
                    }
                }
                i = end;
            }
            Item::Row {
                table,
                cells,
                folded,
                ..
            } => {
                r.close_run();
                r.release(None, None);
                r.run.clear_label();
                r.row(*table, cells, folded);
            }
            Item::Image => {}
        }
    }
    r.close_run();
    r.release(None, None);
    r.claim_unlabelled();
    r.settle_split();
    if r.report.format.is_none() {
        if r.app_seen[20] || r.app_seen[21] {
            r.report.format = Some(FormatVersion::V2021);
        } else if r.single_other_row {
            r.report.format = Some(FormatVersion::V2019);
        }
    }
    r.proofread();
    r.stated_in_prose();
    crate::rules::from_notes(&r.notes, lang, findings);
    // Only the tables write provenance: build the map once, in bulk.
    r.report.provenance = std::mem::take(&mut r.provenance).into_iter().collect();
}

/// The table 二 items the rows of a recognised document name exactly (none for a file's own
/// text, where no label is taken by resemblance).
fn named_items(items: &[Item<'_>]) -> Vec<ActiveItem> {
    let rows = || {
        items.iter().filter_map(|item| match item {
            Item::Row { cells, folded, .. } => Some((cells, folded)),
            _ => None,
        })
    };
    if !rows().any(|(cells, _)| cells.iter().any(|c| c.recognised.is_some())) {
        return Vec::new();
    }
    rows()
        .flat_map(|(_, folded)| folded.iter())
        .filter_map(|f| crate::template::active_item(f))
        .collect()
}

fn detect_format(items: &[Item<'_>]) -> Option<FormatVersion> {
    let v2019 = std::cell::Cell::new(false);
    let is_2021 = |f: &str| {
        if labels::MARKERS_2019.iter().any(|m| f.contains(m)) {
            v2019.set(true);
        }
        labels::MARKERS_2021.iter().any(|m| f.contains(m))
    };
    // Table cells first (a 2021 marker decides at once); labels on lines of their own (one
    // cell per line) only where no table cell shows a marker.
    let mut v2021 = items.iter().any(|item| match item {
        Item::Row { folded, .. } => folded.iter().any(|f| is_2021(f)),
        _ => false,
    });
    if !v2021 && !v2019.get() {
        v2021 = items.iter().any(|item| match item {
            Item::Para { text, .. } if text.chars().count() <= LABEL_MAX_CHARS => {
                is_2021(&crate::fold::fold(text))
            }
            _ => false,
        });
    }
    if v2021 {
        Some(FormatVersion::V2021)
    } else if v2019.get() {
        Some(FormatVersion::V2019)
    } else {
        None
    }
}

fn is_filled(v: &CellValue) -> bool {
    !matches!(v, CellValue::Empty)
}

/// With a 小计 column, slots are natural, 5 orgs, subtotal, total.
fn subtotal_slot(c: usize) -> usize {
    match c {
        7 => 6,
        6 => 7,
        c => c,
    }
}

/// Index of （七）总计 in `APP_ROWS`.
const TOTAL_HANDLED: usize = 23;

/// Cells with their glued values split apart, each part keeping its cell's place.
fn unglue(cells: &[Cell], parsed: &[CellValue]) -> (Vec<Cell>, Vec<CellValue>) {
    let mut out = (Vec::new(), Vec::new());
    for (c, v) in cells.iter().zip(parsed) {
        if *v == CellValue::Glued {
            for part in c.text.split_whitespace() {
                out.0.push(Cell {
                    text: part.to_string(),
                    ..c.clone()
                });
                out.1.push(crate::number::parse_cell(part));
            }
        } else {
            out.0.push(c.clone());
            out.1.push(v.clone());
        }
    }
    out
}

/// True when `below` names the row `above` ends with (a label wrapped around its values).
fn names_same(above: &str, below: &str) -> bool {
    let row = |t: &str| {
        crate::template::name(t, &[])
            .last
            .or(crate::template::short_row(t))
    };
    let item = crate::template::active_item;
    row(below).is_some() && row(below) == row(above)
        || item(below).is_some() && item(below) == item(above)
}

/// R3 on a table 三 row read through `slots`: every place shown and the total the sum of
/// the six applicant columns.
fn row_sum_holds(slots: &[Option<usize>], parsed: &[CellValue]) -> bool {
    let values: Option<Vec<CellValue>> =
        slots.iter().map(|s| s.map(|i| parsed[i].clone())).collect();
    values.is_some_and(|v| sums_hold(&v))
}

/// The numbers of a run, if every value is one.
fn numbers(parsed: &[CellValue]) -> Option<Vec<f64>> {
    parsed.iter().map(CellValue::number).collect()
}

/// R3 on one row of 7 values read together: every value shown, and 总计 the sum of the six.
fn sums_hold(parsed: &[CellValue]) -> bool {
    matches!(numbers(parsed), Some(v) if v.len() == 7 && (v[..6].iter().sum::<f64>() - v[6]).abs() < 1e-9)
}

/// Indexes of the filled cells from the first to the last filled one (blanks inside kept).
fn trimmed_run(parsed: &[CellValue]) -> Vec<usize> {
    match (
        parsed.iter().position(is_filled),
        parsed.iter().rposition(is_filled),
    ) {
        (Some(a), Some(b)) => (a..=b).collect(),
        _ => Vec::new(),
    }
}

/// Eight values where seven are expected: drop one interior cell when every reading that
/// satisfies R3 (total = sum of the six) gives the same values; otherwise give up.
fn drop_extra(parsed: &[CellValue], run: &[usize]) -> Option<Vec<Option<usize>>> {
    /// One way to read the row: its values and the cells they come from.
    type Reading = (Vec<Option<f64>>, Vec<Option<usize>>);
    let mut readings: Vec<Reading> = Vec::new();
    for skip in 1..run.len() - 1 {
        let idx: Vec<Option<usize>> = run
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != skip)
            .map(|(_, &i)| Some(i))
            .collect();
        let values: Vec<Option<f64>> = idx
            .iter()
            .map(|i| i.and_then(|i| parsed[i].number()))
            .collect();
        if !readings.iter().any(|(v, _)| *v == values) {
            readings.push((values, idx));
        }
    }
    if readings.len() > 1 {
        readings.retain(|(v, _)| {
            let sum: Option<f64> = v[..6].iter().copied().sum();
            sum.is_some() && sum == v[6]
        });
    }
    match readings.as_slice() {
        [(_, idx)] => Some(idx.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_cell;

    fn p(cells: &[&str]) -> Vec<CellValue> {
        cells.iter().map(|c| parse_cell(c)).collect()
    }

    #[test]
    fn eight_values_with_an_interior_extra_zero() {
        let parsed = p(&["15", "1", "0", "0", "0", "0", "0", "16"]);
        let run = trimmed_run(&parsed);
        let idx = drop_extra(&parsed, &run).unwrap_or_default();
        let values: Vec<Option<f64>> = idx
            .iter()
            .map(|i| i.and_then(|i| parsed[i].number()))
            .collect();
        assert_eq!(
            values,
            [15.0, 1.0, 0.0, 0.0, 0.0, 0.0, 16.0].map(Some).to_vec()
        );
    }

    #[test]
    fn eight_values_that_cannot_be_resolved() {
        let parsed = p(&["0", "1", "0", "1", "0", "0", "0", "1"]);
        assert_eq!(drop_extra(&parsed, &trimmed_run(&parsed)), None);
    }

    #[test]
    fn runs_ignore_leading_and_trailing_blanks() {
        assert_eq!(trimmed_run(&p(&["", "1", "", "2", ""])), vec![1, 2, 3]);
        assert!(trimmed_run(&p(&["", ""])).is_empty());
    }
}
