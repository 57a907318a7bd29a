//! The three statutory tables, found by their labels anywhere in the document's table rows.
//!
//! Rows are read in document order across all tables, so a table split over pages (header
//! repeated) or tables merged into one region (text copies) read the same. Header rows (no
//! numbers) teach the column positions; data rows are matched by label:
//! - table 二 by item label (`规章`, `行政许可`, …);
//! - table 三 by row label (`（一）予以公开`, …), 7 values (8 with a 小计 column);
//! - table 四 is the one unlabelled row of 15 numbers.

use crate::labels::{self, active_item, app_column, app_row, ActiveItem, OTHER_MISC};
use crate::meta::Item;
use crate::msg::t;
use crate::number::{parse_folded, CellValue};
use std::borrow::Cow;
use std::collections::BTreeMap;
use xxgk_model::{
    Cell, Finding, FormatVersion, Lang, Num, Origin, Provenance, Report, Severity, APP_COLUMNS,
    APP_COLUMN_LABELS, APP_ROWS, RL_GROUPS,
};

/// Table 三 row labels as printed in the 2021 format, in `APP_ROWS` order.
pub(crate) const APP_ROW_LABELS: [&str; 25] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开",
    "（三）1.属于国家秘密",
    "（三）2.其他法律行政法规禁止公开",
    "（三）3.危及“三安全一稳定”",
    "（三）4.保护第三方合法权益",
    "（三）5.属于三类内部事务信息",
    "（三）6.属于四类过程性信息",
    "（三）7.属于行政执法案卷",
    "（三）8.属于行政查询事项",
    "（四）1.本机关不掌握相关政府信息",
    "（四）2.没有现成信息需要另行制作",
    "（四）3.补正后申请内容仍不明确",
    "（五）1.信访举报投诉类申请",
    "（五）2.重复申请",
    "（五）3.要求提供公开出版物",
    "（五）4.无正当理由大量反复申请",
    "（五）5.要求行政机关确认或重新出具已获取信息",
    "（六）1.申请人无正当理由逾期不补正",
    "（六）2.申请人逾期未按收费通知要求缴纳费用",
    "（六）3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

/// What one table has taught about its columns.
#[derive(Default)]
struct ColumnState {
    /// Grid column -> table 三 column (0..=6, 7 = 小计), from header labels.
    header: BTreeMap<u32, usize>,
    /// Grid columns of the last data row that showed a full run of values.
    reference: Option<Vec<u32>>,
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
}

pub(crate) fn read_tables(
    items: &[Item<'_>],
    lang: Lang,
    report: &mut Report,
    findings: &mut Vec<Finding>,
) {
    report.format = detect_format(items);
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
    };
    for item in items {
        if let Item::Row {
            table,
            cells,
            folded,
        } = item
        {
            r.row(*table, cells, folded);
        }
    }
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
    let (mut v2021, mut v2019) = (false, false);
    for item in items {
        let Item::Row { folded, .. } = item else {
            continue;
        };
        for f in folded {
            v2021 |= labels::MARKERS_2021.iter().any(|m| f.contains(m));
            v2019 |= labels::MARKERS_2019.iter().any(|m| f.contains(m));
        }
    }
    if v2021 {
        Some(FormatVersion::V2021)
    } else if v2019 {
        Some(FormatVersion::V2019)
    } else {
        None
    }
}

fn is_filled(v: &CellValue) -> bool {
    !matches!(v, CellValue::Empty)
}

impl Reader<'_> {
    fn row(&mut self, table: usize, cells: &[Cell], folded: &[Cow<'_, str>]) {
        let parsed: Vec<CellValue> = folded.iter().map(|f| parse_folded(f)).collect();
        let last_label = parsed.iter().rposition(|v| *v == CellValue::Text);
        let value_start = last_label.map_or(0, |i| i + 1);
        let has_values = parsed[value_start..].iter().any(|v| v.number().is_some());
        if !has_values {
            self.learn_header(table, cells, folded);
            return;
        }
        let Some(li) = last_label else {
            self.review_litigation(cells, &parsed);
            return;
        };
        let last = &folded[li];
        if let Some(item) = active_item(last) {
            self.active(item, &cells[value_start..], &parsed[value_start..]);
            return;
        }
        let all: String = folded[..=li].concat();
        if let Some(r) = app_row(last, &all) {
            if r == OTHER_MISC && crate::fold::strip_numbering(last) == "其他处理" {
                self.single_other_row = true;
            }
            self.applications(
                table,
                r,
                &cells[li],
                &cells[value_start..],
                &parsed[value_start..],
            );
        }
    }

    fn learn_header(&mut self, table: usize, cells: &[Cell], folded: &[Cow<'_, str>]) {
        let state = self.columns.entry(table).or_default();
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
        self.provenance.push((
            path,
            Provenance {
                text: cell.text.clone(),
                source: cell.source.clone(),
            },
        ));
    }

    fn active(&mut self, item: ActiveItem, cells: &[Cell], parsed: &[CellValue]) {
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
                let run = trimmed_run(parsed);
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
                                    format!("fees are in 万元 but the cell reads \"{}\" ({} 元 = {} 万元)", cells[i].text.trim(), n, n / 10000.0),
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

    fn applications(
        &mut self,
        table: usize,
        r: usize,
        label: &Cell,
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
                    format!("table 三 row {key} appears again; the first one is used"),
                ),
            );
            f.table = Some("applications".into());
            f.row = Some(key.into());
            f.source = Some(label.source.clone());
            self.findings.push(f);
            return;
        }
        self.app_seen[r] = true;
        let state = self.columns.entry(table).or_default();
        let width = if state.has_subtotal() { 8 } else { 7 };
        let run = trimmed_run(parsed);
        let filled: Vec<usize> = (0..cells.len())
            .filter(|&i| is_filled(&parsed[i]))
            .collect();
        let cols_of = |idx: &[usize]| -> Vec<u32> { idx.iter().map(|&i| cells[i].col).collect() };
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
        let slots: Vec<Option<usize>> = if run.len() == width {
            state.reference = Some(cols_of(&run));
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
        } else if let Some(s) = state
            .reference
            .clone()
            .and_then(|refs| by_grid(&|col| refs.iter().position(|&c| c == col)))
        {
            how = Alignment::Reference;
            s
        } else {
            how = Alignment::RightAligned;
            let end = run.last().map_or(0, |&i| i + 1);
            let mut s = vec![None; width];
            for k in 0..width.min(end) {
                s[width - 1 - k] = Some(end - 1 - k);
            }
            s
        };

        // Write the values (a 小计 column goes to metadata).
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
                self.note_provenance(path, &cells[*i]);
            }
        }
        let expected_shown = width;
        if shown < expected_shown {
            let missing: Vec<&str> = slots
                .iter()
                .enumerate()
                .filter(|(k, s)| {
                    s.and_then(|i| parsed[i].number()).is_none() && !(width == 8 && *k == 6)
                })
                .map(|(k, _)| APP_COLUMN_LABELS[if width == 8 && k == 7 { 6 } else { k }])
                .collect();
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
                        missing.join("、")
                    ),
                    format!(
                        "table 三 row {key} shows {shown} values of {expected_shown}; blank: {}",
                        missing.join(", ")
                    ),
                ),
            );
            f.table = Some("applications".into());
            f.row = Some(key.into());
            f.row_label = Some(APP_ROW_LABELS[r].into());
            f.source = Some(label.source.clone());
            self.findings.push(f);
        }
        if how != Alignment::Exact && how != Alignment::Header {
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
                    format!("table 三 row {key} has irregular cells; {en}"),
                ),
            );
            f.table = Some("applications".into());
            f.row = Some(key.into());
            f.source = Some(label.source.clone());
            self.findings.push(f);
        }
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
                    format!("a row of {} unlabelled numbers could not be placed in table 四 (which has 15)", filled.len()),
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
                "column positions unknown; values read right-aligned (总计 last)",
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
