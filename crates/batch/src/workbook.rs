//! The batch's workbook `xxgk.xlsx`, the dataset as people read and print it, in the batch's
//! language: 汇总 (the counts), 文件 (one row per input), 问题清单 (one row per finding), and
//! one sheet per statutory table in its own shape (one row per report and table row, one
//! column per table column). The CSV and SQLite files hold the same data long and keyed, for
//! programs.
//!
//! Rows are streamed (constant memory) and a sheet continues on a new one, `问题清单 (2)`, at
//! Excel's row limit. Every list sheet opens ready to work (a bold header that stays in view,
//! filters) and prints: A4 landscape, fit to the page width, the header on every page, long
//! text wrapped, the sheet name atop and page numbers below. The findings sheet prints the
//! columns a reader needs (file to found); its keys (table, row, column, origin) follow, for
//! filtering, outside the print area.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use xxgk::model::layout::wrapped_lines;
use xxgk::model::{catalogue::table_name, codebook, Lang, Text};

/// Excel's rows per sheet.
pub(crate) const EXCEL_ROWS: u32 = 1_048_576;

/// Excel's limit for the text of one cell, in UTF-16 units.
const EXCEL_CELL_CHARS: usize = 32_767;

/// Points per line of text at the default size.
const LINE: f64 = 15.0;

/// Excel's limit for a sheet name, in characters.
const SHEET_NAME_CHARS: usize = 31;

/// The tables with a sheet of their own, in the report's order.
const TABLES: [&str; 3] = ["active", "applications", "review_litigation"];

/// One column of a list sheet: its header, its width in characters, and whether its text wraps.
struct Column {
    header: String,
    width: f64,
    wrap: bool,
}

impl Column {
    fn new(header: impl Into<String>, width: f64, wrap: bool) -> Self {
        Column {
            header: header.into(),
            width,
            wrap,
        }
    }
}

/// A kind of list sheet: its name, its columns, and how many of them print.
struct Kind {
    name: String,
    columns: Vec<Column>,
    printed: u16,
}

impl Kind {
    /// The height of a row holding `cells`, in lines: as many as its longest wrapped text
    /// takes (spreadsheet programs do not size rows themselves when a file opens).
    fn lines<'a>(&self, cells: impl Iterator<Item = &'a str>) -> usize {
        self.columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| c.wrap)
            .map(|(c, text)| wrapped_lines(text, c.width))
            .max()
            .unwrap_or(1)
    }
}

/// A text's width in the units [`wrapped_lines`] counts (a Chinese character is two).
fn wrapped_units(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

/// The list sheets, in the workbook's order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sheet {
    Files,
    Findings,
    /// The values of a statutory table (index into [`TABLES`]).
    Table(usize),
    /// Where each agency stands (`compare.csv`).
    Compare,
}

impl Sheet {
    fn index(self) -> usize {
        match self {
            Sheet::Files => 0,
            Sheet::Findings => 1,
            Sheet::Table(t) => 2 + t,
            Sheet::Compare => 2 + TABLES.len(),
        }
    }
}

/// The identifying columns every value sheet starts with: file, agency, year, table row.
fn who(lang: Lang) -> [Column; 3] {
    [
        Column::new(Text::ColFile.get(lang), 30.0, true),
        Column::new(Text::ColAgency.get(lang), 22.0, true),
        Column::new(Text::ColYear.get(lang), 6.0, false),
    ]
}

/// Keys and labels (of rows, or of columns).
type Labels = Vec<(&'static str, &'static str)>;

/// The rows (key, label) and columns (key, label) of a statutory table, in codebook order; a
/// row of one value has its value in the column keyed `""`.
fn table_shape(table: &str) -> (Labels, Labels) {
    let mut rows = Vec::new();
    let mut columns = Vec::new();
    for c in codebook().iter().filter(|c| c.table == table) {
        if !rows.iter().any(|(k, _)| *k == c.row) {
            rows.push((c.row, c.row_label));
        }
        let col = (c.column.unwrap_or(""), c.column_label.unwrap_or(""));
        if !columns.iter().any(|(k, _)| *k == col.0) {
            columns.push(col);
        }
    }
    (rows, columns)
}

/// A table's rows on its sheet: key, label, and where each column's value is.
type Layout = Vec<(&'static str, &'static str, Vec<Option<usize>>)>;

/// Each statutory table's rows as its sheet lays them out (in [`TABLES`] order): the row's key
/// and label, and per column of the table the index of the row's value there in
/// [`Report::numbers`](xxgk::model::Report::numbers) (none where the row has no such
/// column). Built once.
static LAYOUTS: std::sync::LazyLock<Vec<Layout>> = std::sync::LazyLock::new(|| {
    let codes = codebook();
    TABLES
        .iter()
        .map(|&table| {
            let (rows, columns) = table_shape(table);
            let at = |row: &str, column: &str| {
                codes.iter().position(|c| {
                    c.table == table && c.row == row && c.column.unwrap_or("") == column
                })
            };
            rows.into_iter()
                .map(|(row, label)| {
                    let cols = columns.iter().map(|(column, _)| at(row, column)).collect();
                    (row, label, cols)
                })
                .collect()
        })
        .collect()
});

fn kinds(lang: Lang) -> Vec<Kind> {
    let col = |t: Text, width, wrap| Column::new(t.get(lang), width, wrap);
    let files = Kind {
        name: Text::SheetFiles.get(lang).into(),
        columns: vec![
            col(Text::ColFile, 34.0, true),
            col(Text::ColFormat, 8.0, false),
            col(Text::ColStatus, 9.0, false),
            col(Text::ColReason, 36.0, true),
            col(Text::ColAgency, 22.0, true),
            col(Text::ColYear, 6.0, false),
            col(Text::ColErrors, 6.0, false),
            col(Text::ColWarnings, 6.0, false),
        ],
        printed: 8,
    };
    let findings = Kind {
        name: Text::SheetFindings.get(lang).into(),
        columns: vec![
            col(Text::ColFile, 26.0, true),
            col(Text::ColAgency, 16.0, true),
            col(Text::ColYear, 6.0, false),
            col(Text::ColRule, 5.0, false),
            col(Text::ColSeverity, 6.0, false),
            col(Text::ColMessage, 56.0, true),
            col(Text::ColLocation, 20.0, true),
            col(Text::ColExpected, 7.0, false),
            col(Text::ColFound, 7.0, false),
            col(Text::ColTable, 16.0, true),
            col(Text::ColRow, 24.0, true),
            col(Text::ColColumn, 10.0, true),
            col(Text::ColOrigin, 8.0, false),
        ],
        printed: 9,
    };
    let mut all = vec![files, findings];
    for table in TABLES {
        let (table_rows, table_columns) = table_shape(table);
        // A table sheet has a row per table row per report (350,000 at 10,000 reports): its
        // rows keep the default height, since every height set is kept by the workbook writer
        // until the end (a long file path wrapping on every row cost 160 MB at 10,000
        // reports). So nothing wraps there: the label column is as wide as the longest label,
        // the file and agency show what fits (the whole text is in the cell).
        let label_width = table_rows
            .iter()
            .map(|(key, label)| match lang {
                Lang::Zh => wrapped_units(label),
                Lang::En => key.len() as f64,
            })
            .fold(12.0, f64::max)
            + 2.0;
        let mut columns: Vec<Column> = who(lang)
            .into_iter()
            .map(|c| Column { wrap: false, ..c })
            .collect();
        columns.push(Column::new(Text::ColRow.get(lang), label_width, false));
        for (key, label) in table_columns {
            let header = match (key, lang) {
                ("", _) => Text::ColValue.get(lang),
                (_, Lang::Zh) => label,
                (key, Lang::En) => key,
            };
            columns.push(Column::new(header, 8.0, true));
        }
        let printed = columns.len() as u16;
        all.push(Kind {
            name: table_name(table, lang).into(),
            columns,
            printed,
        });
    }
    all.push(compare(lang));
    all
}

/// The 对比 sheet: who, then each key figure this year, last year and its percentile.
fn compare(lang: Lang) -> Kind {
    let col = |t: Text, width, wrap| Column::new(t.get(lang), width, wrap);
    let mut columns = vec![
        col(Text::ColFile, 24.0, true),
        col(Text::ColAgency, 16.0, true),
        col(Text::ColLevel, 8.0, true),
        col(Text::ColYear, 6.0, false),
        col(Text::ColPeers, 6.0, true),
        col(Text::ColPreviousFile, 18.0, true),
    ];
    for (_, zh, en) in xxgk::standing::FIGURES {
        let label = if lang == Lang::En { en } else { zh };
        let (open, close) = if lang == Lang::En {
            (" (", ")")
        } else {
            ("（", "）")
        };
        columns.push(Column::new(label, 9.0, true));
        for t in [Text::ColPrevious, Text::ColPercentile] {
            let header = format!("{label}{open}{}{close}", t.get(lang));
            columns.push(Column::new(header, 9.0, true));
        }
    }
    let printed = columns.len() as u16;
    Kind {
        name: Text::SheetCompare.get(lang).into(),
        columns,
        printed,
    }
}

/// Text as one Excel cell can hold it: past the limit, cut with a marker saying where the
/// whole text is.
pub(crate) fn excel_text(v: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    let mark = Text::CutMark.get(lang);
    if v.len() <= EXCEL_CELL_CHARS || v.encode_utf16().count() <= EXCEL_CELL_CHARS {
        return v.into();
    }
    let room = EXCEL_CELL_CHARS - mark.encode_utf16().count();
    let mut units = 0;
    let cut = v
        .char_indices()
        .find(|(_, ch)| {
            units += ch.len_utf16();
            units > room
        })
        .map_or(v.len(), |(i, _)| i);
    format!("{}{mark}", &v[..cut]).into()
}

/// A sheet name within Excel's limit: `name`, or for a continuation `name (part)`, the name cut
/// to make room.
fn part_name(name: &str, part: u32) -> String {
    if part == 1 {
        return name.chars().take(SHEET_NAME_CHARS).collect();
    }
    let suffix = format!(" ({part})");
    let keep = SHEET_NAME_CHARS - suffix.chars().count();
    format!("{}{suffix}", name.chars().take(keep).collect::<String>())
}

/// The workbook being written.
pub(crate) struct Book {
    book: Workbook,
    kinds: Vec<Kind>,
    /// Per kind: the worksheet rows go to, its next row, its part number.
    current: Vec<usize>,
    rows: Vec<u32>,
    parts: Vec<u32>,
    /// Every list worksheet: its index and kind, for the print areas set at the end.
    sheets: Vec<(usize, usize)>,
    /// Rows per list sheet before it continues on a new one ([`EXCEL_ROWS`]).
    pub(crate) row_limit: u32,
    lang: Lang,
}

impl Book {
    pub(crate) fn new(lang: Lang) -> Result<Self, XlsxError> {
        let mut book = Book {
            book: Workbook::new(),
            kinds: kinds(lang),
            current: Vec::new(),
            rows: Vec::new(),
            parts: Vec::new(),
            sheets: Vec::new(),
            row_limit: EXCEL_ROWS,
            lang,
        };
        // The workbook says when it was made: now, or the time SOURCE_DATE_EPOCH names (the
        // reproducible-builds convention; a value that is not a time in Excel's range is not
        // used), so that the same inputs give the same bytes.
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        let at = epoch.and_then(|s| ExcelDateTime::from_timestamp(s.trim().parse().ok()?).ok());
        if let Some(at) = at {
            book.book
                .set_properties(&DocProperties::new().set_creation_datetime(&at));
        }
        let summary = book.book.add_worksheet();
        summary.set_name(Text::SheetSummary.get(lang))?;
        summary.set_column_width(0, 16.0)?;
        summary.set_paper_size(9);
        for kind in 0..book.kinds.len() {
            let at = book.add_sheet(kind, 1)?;
            book.current.push(at);
            book.rows.push(1);
            book.parts.push(1);
        }
        Ok(book)
    }

    /// Adds part `part` of a list sheet of `kind`, with its header and print setup; returns
    /// its index.
    fn add_sheet(&mut self, kind: usize, part: u32) -> Result<usize, XlsxError> {
        let at = self.book.worksheets_mut().len();
        let k = &self.kinds[kind];
        let ws = self.book.add_worksheet_with_constant_memory()?;
        ws.set_name(part_name(&k.name, part))?;
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let plain = Format::new().set_align(FormatAlign::Top);
        let wrapped = plain.clone().set_text_wrap();
        for (c, column) in k.columns.iter().enumerate() {
            let c = c as u16;
            ws.set_column_width(c, column.width)?;
            ws.set_column_format(c, if column.wrap { &wrapped } else { &plain })?;
            ws.write_string_with_format(0, c, &column.header, &header)?;
        }
        let head = k.lines(k.columns.iter().map(|c| c.header.as_str()));
        if head > 1 {
            ws.set_row_height(0, LINE * head as f64)?;
        }
        let last = k.columns.len() as u16 - 1;
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, EXCEL_ROWS - 1, last)?;
        ws.set_paper_size(9); // A4
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
        ws.set_header("&C&A");
        let page = match self.lang {
            Lang::Zh => "&C第 &P 页，共 &N 页",
            Lang::En => "&CPage &P of &N",
        };
        ws.set_footer(page);
        self.sheets.push((at, kind));
        Ok(at)
    }

    /// Appends a row to `sheet`: a cell that is a number (digits; not the first column, the
    /// file) is written as a number, text as text, cut at Excel's cell limit.
    pub(crate) fn row<S: AsRef<str>>(
        &mut self,
        sheet: Sheet,
        cells: &[S],
    ) -> Result<(), XlsxError> {
        let kind = sheet.index();
        if self.rows[kind] >= self.row_limit {
            self.parts[kind] += 1;
            self.current[kind] = self.add_sheet(kind, self.parts[kind])?;
            self.rows[kind] = 1;
        }
        let row = self.rows[kind];
        self.rows[kind] += 1;
        let lang = self.lang;
        let lines = self.kinds[kind].lines(cells.iter().map(AsRef::as_ref));
        let ws = self.book.worksheet_from_index(self.current[kind])?;
        if lines > 1 {
            ws.set_row_height(row, LINE * lines as f64)?;
        }
        for (c, v) in cells.iter().map(AsRef::as_ref).enumerate() {
            let number = v
                .parse::<f64>()
                .ok()
                .filter(|n| c > 0 && n.is_finite() && v.bytes().any(|b| b.is_ascii_digit()));
            match number {
                Some(n) => ws.write_number(row, c as u16, n)?,
                None => ws.write_string(row, c as u16, excel_text(v, lang).as_ref())?,
            };
        }
        Ok(())
    }

    /// The rows of a report's three tables: file, agency, year, the row's label, its values
    /// (`shown`: each value as written, in codebook order; empty where the report does not
    /// show one).
    pub(crate) fn values(&mut self, who: [&str; 3], shown: &[String]) -> Result<(), XlsxError> {
        let mut cells: Vec<&str> = Vec::new();
        for (t, rows) in LAYOUTS.iter().enumerate() {
            for (row, label, columns) in rows {
                cells.clear();
                cells.extend(who);
                cells.push(match self.lang {
                    Lang::Zh => label,
                    Lang::En => row,
                });
                cells.extend(
                    columns
                        .iter()
                        .map(|at| at.and_then(|i| shown.get(i)).map_or("", String::as_str)),
                );
                self.row(Sheet::Table(t), &cells)?;
            }
        }
        Ok(())
    }

    /// Writes the summary's counts, sets each list sheet's print area to its rows, and zips the
    /// workbook.
    pub(crate) fn finish(mut self, counts: &[(Text, usize)]) -> Result<Vec<u8>, XlsxError> {
        let lang = self.lang;
        let ws = self.book.worksheet_from_index(0)?;
        for (r, (label, n)) in counts.iter().enumerate() {
            ws.write_string(r as u32, 0, label.get(lang))?;
            ws.write_number(r as u32, 1, *n as f64)?;
        }
        for &(at, kind) in &self.sheets {
            // Earlier parts of a sheet are full; the current one holds `rows` rows.
            let rows = if self.current[kind] == at {
                self.rows[kind]
            } else {
                self.row_limit
            };
            let last = self.kinds[kind].printed - 1;
            self.book
                .worksheet_from_index(at)?
                .set_print_area(0, 0, rows.max(1) - 1, last)?;
        }
        self.book.save_to_buffer()
    }

    #[cfg(test)]
    pub(crate) fn names(&mut self) -> Vec<String> {
        self.book
            .worksheets_mut()
            .iter()
            .map(|w| w.name())
            .collect()
    }

    #[cfg(test)]
    pub(crate) fn rows_on_current(&self, sheet: Sheet) -> u32 {
        self.rows[sheet.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_over_excels_cell_limit_is_cut_with_a_marker() {
        let long = "名".repeat(40_000);
        let cut = excel_text(&long, Lang::Zh);
        assert!(cut.encode_utf16().count() <= EXCEL_CELL_CHARS);
        assert!(cut.ends_with("全文见 CSV/SQLite 文件］"));
        assert!(excel_text(&long, Lang::En).ends_with("CSV/SQLite files]"));
        assert_eq!(excel_text("short", Lang::Zh), "short");
    }

    #[test]
    fn continuation_sheet_names_stay_within_excels_limit() {
        let name = "table 4 (review and litigation)";
        assert_eq!(part_name(name, 1), name);
        let second = part_name(name, 2);
        assert!(second.ends_with(" (2)") && second.chars().count() == SHEET_NAME_CHARS);
    }

    #[test]
    fn each_table_sheet_has_the_tables_rows_and_columns() {
        let (rows, columns) = table_shape("applications");
        assert_eq!((rows.len(), columns.len()), (25, 7));
        let (rows, columns) = table_shape("review_litigation");
        assert_eq!((rows.len(), columns.len()), (3, 5));
        let (rows, columns) = table_shape("active");
        assert_eq!(rows.len(), 6);
        assert_eq!(
            columns.iter().map(|c| c.0).collect::<Vec<_>>(),
            ["issued", "repealed", "in_force", ""]
        );
    }
}
