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

mod cfb;
mod extent;

use calamine::{Data, Range, Reader, SheetVisible, Sheets};
use std::io::Cursor;
use xxgk_model::{
    Adapter, Block, Cell, Diagnostic, Document, Limits, ReadError, Sniff, SourceRef, Table,
};

const FORMAT: &str = "spreadsheet";

/// A merged range: first and last (row, col), inclusive, absolute.
type Merge = ((u32, u32), (u32, u32));

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
        if zip_sheet || is_xls(bytes) {
            Sniff::Yes
        } else if xxgk_ooxml::is_encrypted_ole(bytes) {
            Sniff::Maybe // an encrypted OOXML package: the extension decides which adapter says so
        } else {
            Sniff::No
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        if xxgk_ooxml::is_zip(bytes) {
            check_package(bytes, limits)?;
        } else if xxgk_ooxml::is_encrypted_ole(bytes) {
            return Err(ReadError::Encrypted { format: FORMAT });
        } else if bytes.len() as u64 > limits.max_file_bytes {
            return Err(ReadError::LimitExceeded {
                what: format!("file of {} bytes", bytes.len()),
                limit: limits.max_file_bytes,
            });
        } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            cfb::check(bytes, limits.max_sheet_cells).map_err(|d| match d {
                cfb::Defect::Corrupt(detail) => ReadError::Corrupt {
                    format: FORMAT,
                    detail,
                },
                cfb::Defect::Extent(sheet, rows, cols) => ReadError::LimitExceeded {
                    what: format!("{sheet} spans {rows} rows x {cols} columns of cells"),
                    limit: limits.max_sheet_cells,
                },
            })?;
        }
        // calamine can panic on malformed input (seen by fuzzing: a slice index in its CFB
        // reader); a panic there is a corrupt file, not a crash.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_book(bytes))).unwrap_or_else(
            |_| {
                Err(ReadError::Corrupt {
                    format: FORMAT,
                    detail: "the spreadsheet reader failed on malformed data".into(),
                })
            },
        )
    }
}

/// Reads every sheet with calamine.
fn read_book(bytes: &[u8]) -> Result<Document, ReadError> {
    {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(error)?;
        let sheets: Vec<(String, bool)> = book
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
            .collect();
        let mut doc = Document::default();
        for (name, hidden) in sheets {
            let range = book.worksheet_range(&name).map_err(error)?;
            let merges = merges(&mut book, &name);
            if hidden && !range.is_empty() {
                doc.diagnostics.push(Diagnostic {
                    message: format!(
                        "sheet {name} is hidden; its cells were read and marked hidden"
                    ),
                    source: Some(SourceRef::sheet_cell(&name, 0, 0)),
                });
            }
            if let Some(t) = table(&name, &range, &merges, hidden) {
                doc.blocks.push(Block::Table(t));
            }
        }
        Ok(doc)
    }
}

/// Applies the container limits before calamine inflates anything.
fn check_package(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut package = xxgk_ooxml::open(bytes, FORMAT, limits)?;
    let mut total = 0u64;
    for i in 0..package.len() {
        let entry = package.by_index_raw(i).map_err(|e| ReadError::Corrupt {
            format: FORMAT,
            detail: format!("zip entry {i}: {e}"),
        })?;
        if entry.encrypted() {
            return Err(ReadError::Encrypted { format: FORMAT });
        }
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        let too_big = size > limits.max_entry_bytes || total > limits.max_total_bytes;
        let ratio = size > limits.ratio_floor_bytes && size / packed > limits.max_ratio;
        if too_big || ratio {
            return Err(ReadError::LimitExceeded {
                what: format!(
                    "zip entry {} declares {size} bytes ({}:1)",
                    entry.name().unwrap_or_default(),
                    size / packed
                ),
                limit: if ratio {
                    limits.max_ratio
                } else {
                    limits.max_entry_bytes
                },
            });
        }
    }
    let sheets: Vec<String> = package
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| (n.starts_with("xl/worksheets/") && n.ends_with(".xml")) || *n == "content.xml")
        .map(|n| n.into_owned())
        .collect();
    // calamine keeps every shared string; a report has a few hundred.
    if let Some(xml) = xxgk_ooxml::read_entry(&mut package, "xl/sharedStrings.xml", FORMAT, limits)?
    {
        let strings = xml
            .windows(4)
            .filter(|w| w == b"<si>" || w == b"<si ")
            .count();
        limits.check_cells(strings, "shared strings in xl/sharedStrings.xml")?;
    }
    for name in sheets {
        let Some(xml) = xxgk_ooxml::read_entry(&mut package, &name, FORMAT, limits)? else {
            continue;
        };
        let area = if name == "content.xml" {
            extent::ods_span(&xml)
        } else {
            extent::span(&xml)
        };
        if area.cells() > limits.max_sheet_cells {
            return Err(ReadError::LimitExceeded {
                what: format!(
                    "{name} spans {} rows x {} columns of cells",
                    area.rows, area.cols
                ),
                limit: limits.max_sheet_cells,
            });
        }
        // Repeated empty cells (ODS) are stored before the area is cut out.
        let stored_limit = limits.max_sheet_cells.saturating_mul(16);
        if area.stored > stored_limit {
            return Err(ReadError::LimitExceeded {
                what: format!("{name} repeats cells {} times", area.stored),
                limit: stored_limit,
            });
        }
    }
    Ok(())
}

fn error(e: calamine::Error) -> ReadError {
    let detail = e.to_string();
    if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") {
        ReadError::Encrypted { format: FORMAT }
    } else {
        ReadError::Corrupt {
            format: FORMAT,
            detail,
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

fn table(sheet: &str, range: &Range<Data>, merges: &[Merge], hidden: bool) -> Option<Table> {
    let (r0, c0) = range.start()?;
    let (height, width) = range.get_size();
    // Positions covered by a merge (not its first cell), as a bitmap over the range.
    let cells = if merges.is_empty() {
        0
    } else {
        height.saturating_mul(width)
    };
    let mut hidden_by_merge = vec![false; cells];
    for &((sr, sc), (er, ec)) in merges {
        for r in sr.max(r0)..=er.min(r0 + height as u32 - 1) {
            for c in sc.max(c0)..=ec.min(c0 + width as u32 - 1) {
                if (r, c) != (sr, sc) {
                    hidden_by_merge[(r - r0) as usize * width + (c - c0) as usize] = true;
                }
            }
        }
    }
    let covered = |r: u32, c: u32| {
        hidden_by_merge
            .get((r - r0) as usize * width + (c - c0) as usize)
            .copied()
            .unwrap_or(false)
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
            if let Some(&((sr, sc), (er, ec))) = merges.iter().find(|m| m.0 == (r, c)) {
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
