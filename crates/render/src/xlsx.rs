//! The XLSX writer (rust_xlsxwriter): one sheet 年度报告 with the title, each section heading and
//! its prose as merged rows, and the three tables in the official layout with merged ranges and
//! borders. Numbers are written as numbers, marks (`/`, `无`) as text, nulls as empty cells.
//!
//! Printing: A4, fit to the page width, each table's section on a new page (table 三 then fits
//! on one), the title row repeated at the top of every page, page numbers in the footer; rows are as tall as their wrapped labels need (Excel and LibreOffice do not size
//! merged cells themselves, so long labels would otherwise be cut or overlap).

use crate::{CellOut, Content, RenderError};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use xxgk_model::layout::{official_tables, wrapped_lines, LayoutKind, LayoutTable};

/// The sheet is a fine grid of narrow columns, and each table maps its own columns onto it
/// ([`TABLE_UNITS`]): every table, and every prose paragraph, is as wide as the printed page,
/// whatever its number of columns, so fitting the sheet to the page width keeps its type large.
const UNITS: u16 = 60;
/// Width of one grid column, in characters of the default font: the grid is about as wide as
/// an A4 page in portrait.
const UNIT_WIDTH: f64 = 1.6;

/// Grid columns taken by each layout column of a table: the label columns of table 二 and 三
/// wide, the value columns narrow (a count of five digits, a header wrapped on two to four
/// lines). Each sums to [`UNITS`].
const TABLE_UNITS: [&[u16]; 3] = [
    &[24, 12, 12, 12],
    &[4, 6, 22, 4, 4, 4, 4, 4, 4, 4],
    &[4; 15],
];

/// Points per line of text at the default size.
const LINE: f64 = 15.0;

fn err(e: XlsxError) -> RenderError {
    RenderError::Xlsx(e.to_string())
}

/// Writes `text` across the whole grid at `row`, merged.
fn wide_row(ws: &mut Worksheet, row: u32, text: &str, f: &Format) -> Result<(), XlsxError> {
    ws.merge_range(row, 0, row, UNITS - 1, text, f)?;
    Ok(())
}

/// Writes table `t` from sheet row `row`, its layout columns spread over the grid by `units`:
/// merged ranges, rows as tall as their wrapped labels need, values as numbers or marks.
/// `formats`: the value and header cells, the label cells.
fn write_table(
    ws: &mut Worksheet,
    row: u32,
    t: &LayoutTable,
    units: &[u16],
    [cell, label]: [&Format; 2],
    content: &Content,
) -> Result<(), XlsxError> {
    // Layout column c spans grid columns start[c]..start[c + 1].
    let start: Vec<u16> = std::iter::once(0)
        .chain(units.iter().scan(0, |at, u| {
            *at += u;
            Some(*at)
        }))
        .collect();
    let grid = |c: usize| start.get(c).copied().unwrap_or(UNITS);
    let width_of =
        |c0: usize, span: usize| -> f64 { f64::from(grid(c0 + span) - grid(c0)) * UNIT_WIDTH };
    // Each row as tall as its longest wrapped label or header needs.
    let mut height = vec![1.0f64; t.rows];
    for c in &t.cells {
        if let LayoutKind::Header(s) | LayoutKind::Label(s) = c.kind {
            let need = wrapped_lines(s, width_of(c.col, c.col_span)) as f64 / c.row_span as f64;
            for h in height.iter_mut().skip(c.row).take(c.row_span) {
                *h = h.max(need.ceil());
            }
        }
    }
    for (r, h) in height.iter().enumerate() {
        if *h > 1.0 {
            ws.set_row_height(row + r as u32, LINE * h)?;
        }
    }
    for c in &t.cells {
        let (r0, c0) = (row + c.row as u32, grid(c.col));
        let (r1, c1) = (r0 + c.row_span as u32 - 1, grid(c.col + c.col_span) - 1);
        let (text, f) = match c.kind {
            LayoutKind::Header(s) => (s.to_string(), cell),
            LayoutKind::Label(s) => (s.to_string(), label),
            LayoutKind::Value(_) => (String::new(), cell),
        };
        if r1 > r0 || c1 > c0 {
            ws.merge_range(r0, c0, r1, c1, &text, f)?;
        } else {
            ws.write_string_with_format(r0, c0, &text, f)?;
        }
        if let LayoutKind::Value(v) = c.kind {
            match content.cell(v) {
                CellOut::Empty => {}
                CellOut::Number(n) => {
                    ws.write_number_with_format(r0, c0, n, f)?;
                }
                CellOut::Text(s) => {
                    ws.write_string_with_format(r0, c0, &s, f)?;
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn write(content: &Content) -> Result<Vec<u8>, RenderError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("年度报告").map_err(err)?;
    ws.set_column_range_width(0, UNITS - 1, UNIT_WIDTH)
        .map_err(err)?;
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    // Print titles: the report's title row heads every printed page.
    ws.set_repeat_rows(0, 0).map_err(err)?;
    let mut breaks = Vec::new();
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let heading = Format::new().set_bold().set_font_size(12);
    let prose = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let label = cell.clone().set_align(FormatAlign::Left);
    let tables = official_tables();
    let mut row: u32 = 0;
    wide_row(ws, row, &content.title, &title).map_err(err)?;
    row += 2;
    for (i, (head, paragraphs)) in content.sections.iter().enumerate() {
        // A section with a table after the first starts a new printed page.
        if row > 2 && tables.iter().any(|t| t.section == i) {
            breaks.push(row);
        }
        wide_row(ws, row, head, &heading).map_err(err)?;
        row += 1;
        for p in paragraphs {
            wide_row(ws, row, p, &prose).map_err(err)?;
            let need = wrapped_lines(p, f64::from(UNITS) * UNIT_WIDTH) as f64;
            ws.set_row_height(row, LINE * need).map_err(err)?;
            row += 1;
        }
        for (t, units) in tables
            .iter()
            .zip(TABLE_UNITS)
            .filter(|(t, _)| t.section == i)
        {
            write_table(ws, row, t, units, [&cell, &label], content).map_err(err)?;
            row += t.rows as u32 + 1;
        }
        row += 1;
    }
    ws.set_page_breaks(&breaks).map_err(err)?;
    book.save_to_buffer().map_err(err)
}
