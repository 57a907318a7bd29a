//! Spreadsheet adapter (calamine): XLSX, XLS, XLSB and ODS -> `Document`, one table per sheet.
//!
//! Coverage:
//! - [X] every sheet, in workbook order; one table per sheet (the normalizer finds the three
//!   statutory tables by their labels, on one sheet or several)
//! - [X] merged ranges -> row/col spans (covered cells are not emitted)
//! - [X] numbers as numeric cells or text; formula cells by their cached value
//! - [X] hidden sheets: cells marked `hidden` (and an X1 note)
//! - [X] `SourceRef` `Sheet!B7` on every cell
//! - [X] limits (file size, entries, declared entry size and ratio) before calamine inflates
//! - [X] distinct errors: encrypted workbook, corrupt zip, not a spreadsheet
//! - [ ] hidden rows and columns (calamine does not expose them)
//! - [ ] merged ranges in ODS and XLSB (calamine exposes them for XLSX and XLS only)

mod cells;
mod cfb;
mod extent;
mod merges;

use calamine::{Data, Range, Reader, SheetVisible, Sheets};
use std::io::Cursor;
use xxgk_model::{
    Adapter, Block, Cell, Diagnostic, Document, Lang, Limits, Msg, ReadError, Sniff, SourceRef,
    Table,
};

pub(crate) const FORMAT: &str = "spreadsheet";

/// What the workbook-wide cell limit counts, as its message names it.
pub(crate) const WORKBOOK_CELLS: (&str, &str) =
    ("工作簿各工作表的单元格", "cells in the workbook's sheets");

/// A merged range: first and last (row, col), inclusive, absolute.
pub(crate) type Merge = ((u32, u32), (u32, u32));

/// The spreadsheet adapter.
#[derive(Debug, Default, Clone, Copy)]
pub struct XlsxAdapter;

fn is_xls(bytes: &[u8]) -> bool {
    xxgk_ooxml::ole_has_stream(bytes, &["Workbook", "Book"]) && !xxgk_ooxml::is_encrypted_ole(bytes)
}

impl Adapter for XlsxAdapter {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["xlsx", "xlsm", "xlsb", "xls", "ods", "et"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        let zip_sheet = xxgk_ooxml::has_entry(bytes, "xl/workbook.xml")
            || xxgk_ooxml::has_entry(bytes, "xl/workbook.bin")
            || (xxgk_ooxml::has_entry(bytes, "content.xml")
                && bytes.windows(11).any(|w| w == b"spreadsheet"));
        xxgk_ooxml::sniff_package(bytes, zip_sheet || is_xls(bytes))
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        read_workbook(bytes, limits, true)
    }
}

/// Reads a spreadsheet; `own`: XLSX sheets of the common shape by [`cells`] (else all by
/// calamine, as the tests compare).
fn read_workbook(bytes: &[u8], limits: &Limits, own: bool) -> Result<Document, ReadError> {
    let zip = xxgk_ooxml::is_zip(bytes);
    let mut merged = None;
    if zip {
        let mut package = xxgk_ooxml::open(bytes, FORMAT, limits)?;
        let shared = check_package(&mut package, limits)?;
        let parts = match xxgk_ooxml::has_entry(bytes, "xl/workbook.xml") {
            true => merges::sheet_parts(&mut package, limits)?,
            false => None,
        };
        if let Some(parts) = parts {
            let sheets = match own {
                true => cells::read(&mut package, &parts, shared.as_deref(), limits)?,
                false => None,
            };
            if let Some(sheets) = sheets {
                return document(parts.into_iter().zip(sheets), limits);
            }
            merged = merges::by_sheet(&mut package, &parts, limits)?;
        }
        if merged.is_none() {
            // Every sheet inflated once within the limits (a zip entry's declared size can
            // lie), as `merges::by_sheet` does for the sheets it reads.
            inflate_sheets(&mut package, limits)?;
        }
    } else if xxgk_ooxml::is_encrypted_ole(bytes) {
        return Err(ReadError::Encrypted { format: FORMAT });
    } else if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("文件 {} 字节", bytes.len()),
                format!("file of {} bytes", bytes.len()),
            ),
            limit: limits.max_file_bytes,
        });
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        cfb::check(bytes, limits.max_sheet_cells, limits.max_text_bytes).map_err(|d| match d {
            cfb::Defect::Corrupt(detail) => ReadError::Corrupt {
                format: FORMAT,
                detail,
            },
            cfb::Defect::Extent(sheet, rows, cols) => area_limit(&sheet, rows, cols, limits),
            cfb::Defect::Text(bytes) => text_limit(bytes, limits),
        })?;
    }
    // calamine can panic on malformed input (seen by fuzzing: a slice index in its CFB
    // reader); a panic there is a corrupt file, not a crash.
    let read = || read_book(open(bytes, zip)?, merged, limits);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::new(
                "电子表格读取器遇到格式错误的数据",
                "the spreadsheet reader failed on malformed data",
            ),
        })
    })
}

/// Opens the workbook with the one calamine reader its container was checked for: a zip
/// package by its workbook part, anything else as `.xls`. (calamine's auto-detection tries
/// each reader in turn, so an OLE file with a zip appended would be read as the XLSX the
/// guards never measured.)
fn open(bytes: &[u8], zip: bool) -> Result<Sheets<Cursor<&[u8]>>, ReadError> {
    use calamine::{Ods, Xls, Xlsb, Xlsx};
    let data = Cursor::new(bytes);
    let book = if !zip {
        Xls::new(data)
            .map(Sheets::Xls)
            .map_err(calamine::Error::Xls)
    } else if xxgk_ooxml::has_entry(bytes, "xl/workbook.xml") {
        Xlsx::new(data)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx)
    } else if xxgk_ooxml::has_entry(bytes, "xl/workbook.bin") {
        Xlsb::new(data)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::Xlsb)
    } else {
        Ods::new(data)
            .map(Sheets::Ods)
            .map_err(calamine::Error::Ods)
    };
    book.map_err(error)
}

/// Reads every sheet with calamine, refusing a workbook whose sheets hold more cells in all
/// than `max_cells`.
fn read_book(
    mut book: Sheets<Cursor<&[u8]>>,
    merged: Option<std::collections::HashMap<String, Vec<Merge>>>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    {
        let sheets: Vec<(String, bool)> = book
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
            .collect();
        let mut doc = Document::default();
        let mut cells = 0usize;
        // The text of all the sheets' cells, every copy of a shared string counted.
        let mut text = 0u64;
        for (name, hidden) in sheets {
            if let Sheets::Xlsb(x) = &mut book {
                xlsb_extent(x, &name, limits, &mut text)?;
            }
            let range = match &mut book {
                Sheets::Xlsx(x) => xlsx_range(x, &name, limits, &mut text)?,
                _ => book.worksheet_range(&name).map_err(error)?,
            };
            let merges = match merged.as_ref().and_then(|m| m.get(&name)) {
                Some(found) => found.clone(),
                None => merges(&mut book, &name),
            };
            add_sheet(
                &mut doc,
                &mut cells,
                (&name, hidden),
                &range,
                &merges,
                limits,
            )?;
        }
        Ok(doc)
    }
}

/// The document of sheets read by [`cells::read`].
fn document(
    sheets: impl Iterator<Item = (merges::SheetPart, cells::Sheet)>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let (mut doc, mut cells) = (Document::default(), 0usize);
    for (part, sheet) in sheets {
        let sheet_of = (part.name.as_str(), part.hidden);
        add_sheet(
            &mut doc,
            &mut cells,
            sheet_of,
            &sheet.range,
            &sheet.merges,
            limits,
        )?;
    }
    Ok(doc)
}

/// Adds a sheet's table (and a note where the sheet is hidden), refusing a workbook whose
/// sheets hold more cells in all (`cells` so far) than `max_cells`.
fn add_sheet(
    doc: &mut Document,
    cells: &mut usize,
    (name, hidden): (&str, bool),
    range: &Range<Data>,
    merges: &[Merge],
    limits: &Limits,
) -> Result<(), ReadError> {
    let (height, width) = range.get_size();
    *cells = cells.saturating_add(height.saturating_mul(width));
    limits.check_cells(*cells, WORKBOOK_CELLS)?;
    if hidden && !range.is_empty() {
        doc.diagnostics.push(Diagnostic {
            message: Msg::new(
                format!("工作表 {name} 是隐藏的；其单元格已读取并标为隐藏"),
                format!("sheet {name} is hidden; its cells were read and marked hidden"),
            ),
            source: Some(SourceRef::sheet_cell(name, 0, 0)),
        });
    }
    if let Some(t) = table(name, range, merges, hidden) {
        doc.blocks.push(Block::Table(t));
    }
    Ok(())
}

/// What a sheet's cells, as calamine streams them, span and hold: measured before calamine
/// (or `xlsx_range`) builds a dense grid over their area.
struct Extent<'a> {
    /// First and last row, first and last column.
    bounds: Option<(u32, u32, u32, u32)>,
    /// Bytes of text in the workbook's sheets so far, every copy of a shared string counted.
    text: &'a mut u64,
}

impl<'a> Extent<'a> {
    fn new(text: &'a mut u64) -> Self {
        Extent { bounds: None, text }
    }

    /// Refuses a sheet's cell beyond `max_cells`, `held` being already kept: cells repeated at
    /// one place add neither area nor (numbers) text, and are counted here.
    fn count(held: usize, sheet: &str, limits: &Limits) -> Result<(), ReadError> {
        if held < limits.max_cells {
            return Ok(());
        }
        let what = (
            &*format!("工作表 {sheet} 的单元格"),
            &*format!("cells of sheet {sheet}"),
        );
        limits.check_cells(held + 1, what)
    }

    /// One more cell; refused once the workbook's text is over the limit.
    fn add(
        &mut self,
        (r, c): (u32, u32),
        value: &calamine::DataRef<'_>,
        limits: &Limits,
    ) -> Result<(), ReadError> {
        use calamine::DataRef;
        let held = match value {
            DataRef::SharedString(s) => s.len(),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            _ => 0,
        };
        *self.text = self.text.saturating_add(held as u64);
        if *self.text > limits.max_text_bytes {
            return Err(text_limit(*self.text, limits));
        }
        let b = self.bounds.get_or_insert((r, r, c, c));
        *b = (b.0.min(r), b.1.max(r), b.2.min(c), b.3.max(c));
        Ok(())
    }

    /// The cells of the area the cells span (what calamine's grid over them holds).
    fn area(&self) -> usize {
        self.bounds.map_or(0, |(r0, r1, c0, c1)| {
            let (rows, cols) = ((r1 - r0) as usize + 1, (c1 - c0) as usize + 1);
            rows.saturating_mul(cols)
        })
    }

    /// Refuses an area of more cells than a sheet may have.
    fn check(&self, sheet: &str, limits: &Limits) -> Result<(), ReadError> {
        let Some((r0, r1, c0, c1)) = self.bounds else {
            return Ok(());
        };
        let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
        if rows.saturating_mul(cols) > limits.max_sheet_cells {
            let place = Msg::new(format!("工作表 {sheet} "), format!("sheet {sheet}"));
            return Err(area_limit(&place, rows, cols, limits));
        }
        Ok(())
    }
}

/// The error for a sheet whose cells span more than a sheet may.
fn area_limit(place: &Msg, rows: u64, cols: u64, limits: &Limits) -> ReadError {
    ReadError::LimitExceeded {
        what: Msg::new(
            format!("{}的单元格跨 {rows} 行 × {cols} 列", place.get(Lang::Zh)),
            format!("{place} spans {rows} rows x {cols} columns of cells"),
        ),
        limit: limits.max_sheet_cells,
    }
}

/// An XLSX sheet's cells as calamine's `worksheet_range` holds them (its non-empty cells, the
/// last of two at one place), read from calamine's cell stream with the area they span and the
/// text they hold measured as they come: the grid over their area is built only within the
/// limits (a far cell at `XFD1048576` would make it gigabytes).
fn xlsx_range(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
    text: &mut u64,
) -> Result<Range<Data>, ReadError> {
    let fail = |e| error(calamine::Error::Xlsx(e));
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(e) => return Err(fail(e)),
    };
    let (mut cells, mut extent) = (Vec::new(), Extent::new(text));
    while let Some(cell) = reader.next_cell().map_err(fail)? {
        let value = cell.get_value();
        if matches!(value, calamine::DataRef::Empty) {
            continue;
        }
        extent.add(cell.get_position(), value, limits)?;
        Extent::count(cells.len(), name, limits)?;
        cells.push(calamine::Cell::new(
            cell.get_position(),
            Data::from(value.clone()),
        ));
    }
    extent.check(name, limits)?;
    Ok(Range::from_sparse(cells))
}

/// The XLSB counterpart of `extent`: calamine builds a dense grid over an XLSB sheet's cells
/// too, so the sheet's records are streamed once (nothing kept) for the area its cells span and
/// the text they hold, and refused over the limits before the grid is built.
fn xlsb_extent(
    book: &mut calamine::Xlsb<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
    text: &mut u64,
) -> Result<(), ReadError> {
    let mut cells = book
        .worksheet_cells_reader(name)
        .map_err(|e| error(calamine::Error::Xlsb(e)))?;
    let mut extent = Extent::new(text);
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| error(calamine::Error::Xlsb(e)))?
    {
        extent.add(cell.get_position(), cell.get_value(), limits)?;
    }
    extent.check(name, limits)?;
    Ok(())
}

/// Every entry's declared size within the limits (calamine inflates entries itself): one
/// entry, all entries together, and the compression ratio; an encrypted entry refused.
fn check_declared(package: &mut xxgk_ooxml::Package<'_>, limits: &Limits) -> Result<(), ReadError> {
    let mut total = 0u64;
    for i in 0..package.len() {
        let entry = package.by_index_raw(i).map_err(|e| ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::quoting(
                &format!("zip 条目 {i} 无法读取"),
                &format!("zip entry {i}"),
                e,
            ),
        })?;
        if entry.encrypted() {
            return Err(ReadError::Encrypted { format: FORMAT });
        }
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        let too_big = size > limits.max_entry_bytes || total > limits.max_total_bytes;
        let ratio = limits.over_ratio(size, packed).is_some();
        if too_big || ratio {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    format!(
                        "zip 条目 {} 声明 {size} 字节（{}:1）",
                        entry.name().unwrap_or_default(),
                        size / packed
                    ),
                    format!(
                        "zip entry {} declares {size} bytes ({}:1)",
                        entry.name().unwrap_or_default(),
                        size / packed
                    ),
                ),
                limit: if ratio {
                    limits.max_ratio
                } else {
                    limits.max_entry_bytes
                },
            });
        }
    }
    Ok(())
}

/// Applies the container limits before calamine inflates anything: every entry's declared
/// size, the number of shared strings (calamine keeps them all), and the area and text of an
/// ODS document's sheets (calamine expands their repeats). An XLSX sheet is measured as it is
/// read ([`xlsx_range`]).
fn check_package(
    package: &mut xxgk_ooxml::Package<'_>,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ReadError> {
    check_declared(package, limits)?;
    let shared = xxgk_ooxml::read_entry(package, "xl/sharedStrings.xml", FORMAT, limits)?;
    if let Some(xml) = &shared {
        limits.check_cells(
            extent::shared_count(xml),
            (
                "xl/sharedStrings.xml 的共享字符串",
                "shared strings in xl/sharedStrings.xml",
            ),
        )?;
    }
    let Some(xml) = xxgk_ooxml::read_entry(package, "content.xml", FORMAT, limits)? else {
        return Ok(shared);
    };
    let (name, area) = ("content.xml", extent::ods_span(&xml));
    if area.text > limits.max_text_bytes {
        return Err(text_limit(area.text, limits));
    }
    if area.cells() > limits.max_sheet_cells {
        let place = Msg::new(format!("{name} "), name.to_string());
        return Err(area_limit(&place, area.rows, area.cols, limits));
    }
    // Repeated empty cells (ODS) are stored before the area is cut out.
    let stored_limit = limits.max_sheet_cells.saturating_mul(16);
    if area.stored > stored_limit {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("{name} 重复单元格 {} 次", area.stored),
                format!("{name} repeats cells {} times", area.stored),
            ),
            limit: stored_limit,
        });
    }
    Ok(shared)
}

/// Inflates every worksheet part within the limits, and drops it.
fn inflate_sheets(package: &mut xxgk_ooxml::Package<'_>, limits: &Limits) -> Result<(), ReadError> {
    let sheets: Vec<String> = package
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    for name in sheets {
        xxgk_ooxml::read_entry(package, &name, FORMAT, limits)?;
    }
    Ok(())
}

/// The error for cells that hold more text than a document may.
fn text_limit(bytes: u64, limits: &Limits) -> ReadError {
    ReadError::LimitExceeded {
        what: Msg::new(
            format!("单元格文字 {bytes} 字节（共享或重复的字符串每份都计入）"),
            format!("cell text of {bytes} bytes (every copy of a shared or repeated string)"),
        ),
        limit: limits.max_text_bytes,
    }
}

fn error(e: calamine::Error) -> ReadError {
    let detail = e.to_string();
    if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") {
        ReadError::Encrypted { format: FORMAT }
    } else {
        ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::quoting(
                "电子表格读取器报错",
                "the spreadsheet reader failed",
                detail,
            ),
        }
    }
}

/// Merged ranges of a sheet, as ((row, col), (row, col)) inclusive, absolute.
fn merges(book: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Vec<Merge> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dims.into_iter().map(|d| (d.start, d.end)).collect()
}

fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// For each position of the range (row-major), how many merges cover it other than as their
/// first cell: a 2D difference array, so the cost is the range plus the merges, whatever their
/// size or overlap.
fn covered_by_merges(merges: &[Merge], (r0, c0): (u32, u32), (h, w): (usize, usize)) -> Vec<i32> {
    if merges.is_empty() || h == 0 || w == 0 {
        return Vec::new();
    }
    let mut d = vec![0i32; (h + 1) * (w + 1)];
    let mut bump = |r: usize, c: usize, by: i32| d[r * (w + 1) + c] += by;
    let clip = |v: u32, lo: u32, n: usize| (v.saturating_sub(lo) as usize).min(n);
    for &((sr, sc), (er, ec)) in merges {
        let (top, bottom) = (clip(sr, r0, h), clip(er.saturating_add(1), r0, h));
        let (left, right) = (clip(sc, c0, w), clip(ec.saturating_add(1), c0, w));
        if top >= bottom || left >= right {
            continue;
        }
        bump(top, left, 1);
        bump(top, right, -1);
        bump(bottom, left, -1);
        bump(bottom, right, 1);
        // The merge's own first cell is not covered by it.
        if sr >= r0 && sc >= c0 && top < h && left < w {
            bump(top, left, -1);
            bump(top, left + 1, 1);
            bump(top + 1, left, 1);
            bump(top + 1, left + 1, -1);
        }
    }
    for r in 0..=h {
        for c in 0..=w {
            let up = if r > 0 { d[(r - 1) * (w + 1) + c] } else { 0 };
            let left = if c > 0 { d[r * (w + 1) + c - 1] } else { 0 };
            let diag = if r > 0 && c > 0 {
                d[(r - 1) * (w + 1) + c - 1]
            } else {
                0
            };
            d[r * (w + 1) + c] += up + left - diag;
        }
    }
    (0..h * w).map(|i| d[(i / w) * (w + 1) + i % w]).collect()
}

fn table(sheet: &str, range: &Range<Data>, merges: &[Merge], hidden: bool) -> Option<Table> {
    let (r0, c0) = range.start()?;
    let (height, width) = range.get_size();
    let covered = covered_by_merges(merges, (r0, c0), (height, width));
    let starts: std::collections::HashMap<(u32, u32), &Merge> =
        merges.iter().rev().map(|m| (m.0, m)).collect();
    let covered = |r: u32, c: u32| {
        covered
            .get((r - r0) as usize * width + (c - c0) as usize)
            .is_some_and(|&n| n > 0)
    };
    let mut rows = Vec::with_capacity(height);
    for (i, row) in range.rows().enumerate() {
        let r = r0 + i as u32;
        let mut cells = Vec::with_capacity(width);
        for (j, data) in row.iter().enumerate() {
            let c = c0 + j as u32;
            if covered(r, c) {
                continue;
            }
            let mut cell = Cell::new(text_of(data), c, SourceRef::sheet_cell(sheet, r, c));
            if let Some(&&((sr, sc), (er, ec))) = starts.get(&(r, c)) {
                cell.row_span = er - sr + 1;
                cell.col_span = ec - sc + 1;
            }
            cell.hidden = hidden;
            cells.push(cell);
        }
        rows.push(cells);
    }
    Some(Table {
        rows,
        source: SourceRef::sheet_cell(sheet, r0, c0),
    })
}

#[cfg(test)]
mod tests {
    use super::covered_by_merges;

    #[test]
    fn merges_cover_all_but_their_first_cell() {
        // A 3 x 3 range from (1, 1); one merge over its top-left 2 x 2, one starting above it.
        let merges = [((1, 1), (2, 2)), ((0, 3), (1, 3))];
        let covered = covered_by_merges(&merges, (1, 1), (3, 3));
        let grid: Vec<bool> = covered.iter().map(|&n| n > 0).collect();
        #[rustfmt::skip]
        assert_eq!(grid, [
            false, true, true,
            true, true, false,
            false, false, false,
        ]);
        // Ten thousand copies of one merge over a large range cost the range, not 10^4 x it.
        let many = vec![((0, 0), (999, 99)); 10_000];
        let covered = covered_by_merges(&many, (0, 0), (1000, 100));
        assert_eq!(covered[0], 0); // the first cell of every copy
        assert_eq!(covered[1], 10_000);
    }
}
