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
//!   position against the last full row, else not at all (X2, values left null). Rows that the
//!   layout split apart are rejoined only where the statutory sums admit exactly one placement,
//!   and such values are marked `inferred` in provenance.

use crate::flow::{
    band_end, cut_short, header_column, line_of, number_piece, outline_numbered,
    overprinted_number, wrapped_cells, Label, Run, Split, Values, LABEL_MAX_CHARS,
};
use crate::labels::{self, app_column, app_row, ActiveItem, OTHER_MISC};
use crate::msg::t;
use crate::number::{parse_folded, CellValue};
use crate::stream::Item;
use std::borrow::Cow;
use std::collections::BTreeMap;
use xxgk_model::{
    Cell, Extent, Finding, FormatVersion, Lang, Num, Origin, Provenance, Report, Severity,
    SourceRef, APP_COLUMNS, APP_COLUMN_LABELS, APP_ROWS, APP_ROW_LABELS, RL_GROUPS,
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
    lang: Lang,
    report: &'r mut Report,
    findings: &'r mut Vec<Finding>,
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
        lang,
        report,
        findings,
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
        unlabelled: None,
        last_flowing_item: None,
        held: None,
        row_lines: [None; APP_ROWS.len()],
        flow_lines,
        values_above,
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
    // Only the tables write provenance: build the map once, in bulk.
    r.report.provenance = std::mem::take(&mut r.provenance).into_iter().collect();
    if r.report.format.is_none() {
        if r.app_seen[20] || r.app_seen[21] {
            r.report.format = Some(FormatVersion::V2021);
        } else if r.single_other_row {
            r.report.format = Some(FormatVersion::V2019);
        }
    }
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

impl Reader<'_> {
    /// A paragraph: a line of flowing text. A number on its own is a value of the open run.
    fn para(&mut self, text: &str, source: &SourceRef) {
        if text
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(LABEL_MAX_CHARS)
            .is_some()
        {
            self.close_run();
            self.release(None, None);
            self.run.clear_label();
            return;
        }
        let folded = crate::fold::fold(text);
        let mut parsed = parse_folded(&folded);
        let glued = parsed == CellValue::Glued;
        if glued {
            // A place for a value, unread: it keeps the run's count and its place.
            let cell = Cell::new(text.trim(), 0, source.clone());
            self.report_glued(std::slice::from_ref(&cell), &[CellValue::Glued]);
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
    fn line(&mut self, cells: &[Cell], folded: &[Cow<'_, str>], unreadable: &[bool]) {
        let parsed: Vec<CellValue> = folded.iter().map(|f| parse_folded(f)).collect();
        let numbers = parsed
            .iter()
            .zip(folded)
            .filter(|(v, f)| v.number().is_some() || overprinted_number(f).is_some())
            .count();
        let line = cells.first().and_then(|c| line_of(&c.source));
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
            // A line with its own label and numbers is a whole row.
            self.close_run();
        }
        self.cells_left_null(&lost, " ", |shown| {
            (
                format!("版式把数值截断或折到另一行（{shown}），无法确定其值，按空值处理"),
                format!("the layout cut a number short or wrapped it onto another line ({shown}); it is left null"),
            )
        });
    }

    /// X2 for cells whose values are left null, shown as printed; `say` gives the message.
    fn cells_left_null(
        &mut self,
        cells: &[&Cell],
        sep: &str,
        say: impl Fn(&str) -> (String, String),
    ) {
        let Some(first) = cells.first() else {
            return;
        };
        let shown: Vec<&str> = cells.iter().map(|c| c.text.trim()).collect();
        let (zh, en) = say(&shown.join(sep));
        self.left_null(zh, en, Some(first.source.clone()));
    }

    fn close_run(&mut self) {
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
    fn release(&mut self, line: Option<u64>, text: Option<&str>) {
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
    fn place(&mut self, mut v: Values) {
        self.unlabelled = None;
        self.last_flowing_item = None;
        if !v.order_by_position() {
            // Values on several lines that overlap: pieces of cells, not one row.
            self.unplaced(v, "applications");
            return;
        }
        if let Some(item) = crate::template::active_item(&v.label.last) {
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
            return;
        }
        let named = crate::template::name(&v.label.text, &v.label.shorts);
        let strict = self.short_label(&v.label.last);
        if strict.is_none() && (named.review || named.rows.is_empty() && v.cells.len() == 15) {
            if v.cells.len() == 15 {
                self.review_litigation(&v.cells, &v.parsed);
            } else if named.review {
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
        let fresh: Vec<usize> = named
            .rows
            .iter()
            .copied()
            .chain(strict)
            .filter(|&r| !self.app_seen[r] && !self.split.pending.iter().any(|(p, _)| *p == r))
            .fold(Vec::new(), |mut acc, r| {
                if !acc.contains(&r) {
                    acc.push(r);
                }
                acc
            });
        let n = v.cells.len();
        if let Some(r) = row {
            self.split.orphans.extend(fresh.iter().filter(|&&f| f != r));
            if n == 7 {
                // With no positions, seven values after a label are the row's only while the
                // stream keeps rows together; once it has split one, they must also add up.
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
    fn between_labels(&self, v: &Values) -> bool {
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
    fn claim_unlabelled(&mut self) {
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
    fn retract_active(&mut self, item: ActiveItem) {
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
    fn short_label(&self, last: &str) -> Option<usize> {
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
    fn applications_flow(&mut self, r: usize, v: &Values) {
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
    fn place_row(&mut self, r: usize, slots: &[Option<usize>], v: &Values) {
        self.app_seen[r] = true;
        let label = v.label.source.as_ref();
        self.write_app_row(r, 7, slots, &v.cells, &v.parsed, false, label);
    }

    /// Slots for a short row laid out on one line, by the header: each value nearest one of
    /// the seven column names, closer to it than half the gap to the next name.
    fn by_header(&self, v: &Values) -> Option<Vec<Option<usize>>> {
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
    fn by_columns(&self, v: &Values) -> Option<Vec<Option<usize>>> {
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
    fn rejoin(&mut self, fresh: Vec<usize>, v: Values) {
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
    fn settle_split(&mut self) {
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
    fn result_sums(&self) -> Option<Vec<f64>> {
        (0..7)
            .map(|c| {
                (2..TOTAL_HANDLED)
                    .map(|r| self.report.applications.row(r)[c].map(|n| n.0))
                    .sum::<Option<f64>>()
            })
            .collect()
    }

    /// Numbers that could not be placed with certainty: kept until the end of the document.
    fn unplaced(&mut self, v: Values, what: &str) {
        self.split.loose.push((v, what.to_string()));
    }

    /// X2: numbers that could not be placed with certainty are left null.
    fn report_unplaced(&mut self, v: &Values, what: &str) {
        // The values as printed; blank cells between them are places, not values.
        let shown: Vec<&str> = v
            .cells
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let (n, shown) = (shown.len(), shown.join(" "));
        let source = v.cells.first().map(|c| c.source.clone());
        // The place in Chinese: a table's or a row's label as printed, not its key.
        let zh_what: Vec<&str> = what
            .split('/')
            .map(
                |key| match xxgk_model::catalogue::table_name(key, Lang::Zh) {
                    name if name != key => name,
                    _ => xxgk_model::codebook()
                        .iter()
                        .find(|c| c.row == key)
                        .map_or(key, |c| c.row_label),
                },
            )
            .collect();
        let zh_what = zh_what.join("／");
        let f = self.left_null(
            format!("{n}个数值（{shown}）的版式无法确定各自所属的行和列，未读取，按空值处理（{zh_what}）"),
            format!("{n} values ({shown}) could not be placed in a row and column with certainty; they are left null ({what})"),
            source,
        );
        if let Some(r) = APP_ROWS.iter().position(|k| *k == what) {
            f.table = Some("applications".into());
            f.row = Some(what.into());
            f.row_label = Some(APP_ROW_LABELS[r].into());
        }
    }

    /// X2 for cells holding two numbers or more (`409 47`): their values are left null.
    fn report_glued(&mut self, cells: &[Cell], parsed: &[CellValue]) {
        let glued: Vec<&Cell> = cells
            .iter()
            .zip(parsed)
            .filter(|(_, v)| **v == CellValue::Glued)
            .map(|(c, _)| c)
            .collect();
        self.cells_left_null(&glued, "、", |shown| {
            (
                format!("单元格里是用空格隔开的几个数（{shown}），无法确定各自的值和所属的列，按空值处理"),
                format!("a cell holds numbers separated by a space ({shown}): which value belongs where cannot be told; left null"),
            )
        });
    }

    /// An X2 warning: values the layout shows are left null; returns it for its row.
    fn left_null(&mut self, zh: String, en: String, source: Option<SourceRef>) -> &mut Finding {
        let mut f = Finding::new(
            "X2",
            Severity::Warning,
            Origin::Extraction,
            t(self.lang, zh, en),
        );
        f.source = source;
        self.findings.push(f);
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// What R1 (and R2 for （七）总计) say an unread row of table 三 must hold, from rows read.
    fn identity(&self, r: usize) -> Option<Vec<f64>> {
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
    fn claim_by_identity(&mut self, r: usize) {
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

    fn row(&mut self, table: usize, cells: &[Cell], folded: &[Cow<'_, str>]) {
        let parsed: Vec<CellValue> = folded.iter().map(|f| parse_folded(f)).collect();
        let last_label = parsed.iter().rposition(|v| *v == CellValue::Text);
        let value_start = last_label.map_or(0, |i| i + 1);
        let has_values = parsed[value_start..]
            .iter()
            .any(|v| v.number().is_some() || *v == CellValue::Glued);
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
        if let Some(item) = crate::template::active_item(last) {
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
        let row = app_row(last, &all).or_else(|| crate::template::name(&all, &[]).last);
        if row.is_none() {
            // Table 三 reports its own glued cells, once it knows whether they were read.
            self.report_glued(cells, &parsed);
        }
        if let Some(r) = row {
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
        }
    }

    fn learn_header(&mut self, table: usize, cells: &[Cell], folded: &[Cow<'_, str>]) {
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

    fn note_provenance(&mut self, path: String, cell: &Cell) {
        self.note(path, cell, false);
    }

    fn note(&mut self, path: String, cell: &Cell, inferred: bool) {
        self.provenance.push((
            path,
            Provenance {
                text: cell.text.clone(),
                source: cell.source.clone(),
                inferred,
            },
        ));
    }

    fn active(
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
        let filled: Vec<usize> = (0..cells.len())
            .filter(|&i| is_filled(&parsed[i]))
            .collect();
        let old_format = self.report.format == Some(FormatVersion::V2019);
        match item {
            ActiveItem::Rules | ActiveItem::NormativeDocuments => {
                if old_format {
                    return; // 2019 columns measure other things (format.md §3): null
                }
                // The three columns by the header's grid columns, else by count; a blank
                // whose column is unknown leaves the row unread rather than shifted.
                let header = table
                    .and_then(|t| self.columns.get(&t))
                    .map(|s| &s.active)
                    .filter(|a| a.len() == 3);
                // Empty cells past the third are a merged neighbour's padding.
                let three_places =
                    cells.len() >= 3 && parsed[3..].iter().all(|v| *v == CellValue::Empty);
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
                    self.note_provenance(format!("active.{}.{name}", item.key()), &cells[i]);
                }
            }
            _ => {
                if old_format && item == ActiveItem::Fees {
                    return; // the 2019 format has no amount column
                }
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
                    if let CellValue::Number(n, Some(unit)) = &parsed[i] {
                        if unit == "元" {
                            let mut f = Finding::new(
                                "U1",
                                Severity::Warning,
                                Origin::Source,
                                t(
                                    self.lang,
                                    format!("行政事业性收费单位应为万元，但单元格写作「{}」（{} 元 = {} 万元）", cells[i].text.trim(), n, n / 10000.0),
                                    format!("fees are in 10,000 yuan but the cell reads \"{}\" ({} yuan = {} x 10,000 yuan)", cells[i].text.trim(), n, n / 10000.0),
                                ),
                            );
                            f.table = Some("active".into());
                            f.row = Some("fees".into());
                            f.source = Some(cells[i].source.clone());
                            f.found = Some(Num(*n));
                            self.findings.push(f);
                        }
                    }
                }
                let a = &mut self.report.active;
                match item {
                    ActiveItem::Licensing => a.licensing = value,
                    ActiveItem::Punishment => a.punishment = value,
                    ActiveItem::Enforcement => a.enforcement = value,
                    _ => a.fees = value,
                }
                self.note_provenance(format!("active.{}", item.key()), &cells[i]);
            }
        }
    }

    /// A table 三 row's values: `table` is the grid table (its header and reference columns
    /// place short rows), `None` for a whole flowing row of 7.
    fn applications(
        &mut self,
        table: Option<usize>,
        r: usize,
        label: &SourceRef,
        cells: &[Cell],
        parsed: &[CellValue],
    ) {
        let key = APP_ROWS[r];
        if self.app_seen[r] {
            let mut f = Finding::new(
                "X2",
                Severity::Info,
                Origin::Extraction,
                t(
                    self.lang,
                    format!(
                        "表三「{}」行重复出现，采用第一次出现的数值",
                        APP_ROW_LABELS[r]
                    ),
                    format!("table 3 row {key} appears again; the first one is used"),
                ),
            );
            f.table = Some("applications".into());
            f.row = Some(key.into());
            f.source = Some(label.clone());
            self.findings.push(f);
            return;
        }
        self.app_seen[r] = true;
        let mut flowing = ColumnState::default();
        let state = match table {
            Some(t) => self.columns.entry(t).or_default(),
            None => &mut flowing,
        };
        let width = if state.has_subtotal() { 8 } else { 7 };
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
        if parsed.contains(&CellValue::Glued) {
            // A converter merged cells of this row (`| 461 11 | 78 29 | 0 0 | 579 |`): no
            // column can be trusted, but the values keep their order. Split, they are the
            // row only if they are exactly its values, together, and add up (R3).
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
            return;
        }
        if run.len() == width {
            state.reference = Some(cols_of(&run));
        }
        // Text's grid rows carry no spans, so their header's columns say little; a row that
        // shows every place says where its blanks are. Documents with real grids (DOCX, HTML,
        // spreadsheets) keep the header's and the last full row's columns first.
        let text_row = table.is_none()
            || cells
                .first()
                .is_some_and(|c| matches!(c.source, SourceRef::Line { .. }));
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
            // Fewer or more places than columns, and neither a header nor a full row says
            // which columns the values are in: right alignment would be a guess.
            self.report_unplaced(&Values::of_row(cells, parsed), key);
            return;
        };
        self.write_app_row(r, width, &slots, cells, parsed, false, Some(label));
        self.alignment_note(r, how, Some(label));
    }

    /// Writes a table 三 row from `slots` (slot -> cell index; with a 小计 column, slot 6 is
    /// the subtotal and goes to metadata), with C3 for values the row does not show.
    #[allow(clippy::too_many_arguments)]
    fn write_app_row(
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
        let mut shown = 0;
        for (k, slot) in slots.iter().enumerate() {
            let (col_key, path) = if width == 8 && k == 6 {
                ("org_subtotal", format!("applications.{key}.org_subtotal"))
            } else {
                let c = if width == 8 && k == 7 { 6 } else { k };
                (APP_COLUMNS[c], format!("applications.{key}[{c}]"))
            };
            let value = slot.and_then(|i| parsed[i].number()).map(Num);
            if value.is_some() {
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
                .filter(|(k, s)| {
                    s.and_then(|i| parsed[i].number()).is_none() && !(width == 8 && *k == 6)
                })
                .map(|(k, _)| if width == 8 && k == 7 { 6 } else { k })
                .collect();
            let names = |of: &[&str; 7], sep: &str| {
                let names: Vec<&str> = missing.iter().map(|&k| of[k]).collect();
                names.join(sep)
            };
            let mut f = Finding::new(
                "C3",
                Severity::Warning,
                Origin::Source,
                t(
                    self.lang,
                    format!(
                        "表三「{}」行只显示{}个数值（应为{}个），空缺：{}",
                        APP_ROW_LABELS[r],
                        shown,
                        expected_shown,
                        names(&APP_COLUMN_LABELS, "、")
                    ),
                    format!(
                        "table 3 row {key} shows {shown} values of {expected_shown}; blank: {}",
                        names(&APP_COLUMNS, ", ")
                    ),
                ),
            );
            f.table = Some("applications".into());
            f.row = Some(key.into());
            f.row_label = Some(APP_ROW_LABELS[r].into());
            f.source = label.cloned();
            self.findings.push(f);
        }
    }

    /// X2 for a row whose columns were not read as laid out.
    fn alignment_note(&mut self, r: usize, how: Alignment, label: Option<&SourceRef>) {
        if how == Alignment::Exact || how == Alignment::Header {
            return;
        }
        let key = APP_ROWS[r];
        let (zh, en) = how.describe();
        let mut f = Finding::new(
            "X2",
            if how == Alignment::RightAligned {
                Severity::Warning
            } else {
                Severity::Info
            },
            Origin::Extraction,
            t(
                self.lang,
                format!("表三「{}」行的单元格不规整，{zh}", APP_ROW_LABELS[r]),
                format!("table 3 row {key} has irregular cells; {en}"),
            ),
        );
        f.table = Some("applications".into());
        f.row = Some(key.into());
        f.source = label.cloned();
        self.findings.push(f);
    }

    fn review_litigation(&mut self, cells: &[Cell], parsed: &[CellValue]) {
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
            let mut f = Finding::new(
                "X2",
                Severity::Warning,
                Origin::Extraction,
                t(
                    self.lang,
                    format!("一行{}个无标签的数值无法对应到表四（应为15个）", filled.len()),
                    format!("a row of {} unlabelled numbers could not be placed in table 4 (which has 15)", filled.len()),
                ),
            );
            f.source = cells.first().map(|c| c.source.clone());
            self.findings.push(f);
            return;
        };
        self.rl_seen = true;
        for (n, &i) in positions.iter().enumerate() {
            let (g, k) = (n / 5, n % 5);
            self.report.review_litigation.group_mut(g)[k] = parsed[i].number().map(Num);
            self.note_provenance(
                format!("review_litigation.{}[{k}]", RL_GROUPS[g]),
                &cells[i],
            );
        }
    }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alignment {
    Exact,
    Header,
    Reference,
    DroppedExtra,
    RightAligned,
}

impl Alignment {
    fn describe(self) -> (&'static str, &'static str) {
        match self {
            Alignment::Reference => (
                "数值按上一行的列位置对齐",
                "values aligned to the columns of the row above",
            ),
            Alignment::DroppedExtra => (
                "多出一个单元格；去掉一个内部单元格后读数唯一",
                "one cell too many; dropping one interior cell gives a single reading",
            ),
            _ => (
                "无法确定列位置，数值按右对齐（总计在最后一列）读取",
                "column positions unknown; values read right-aligned (total last)",
            ),
        }
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
