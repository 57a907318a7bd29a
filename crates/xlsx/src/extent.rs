//! What calamine would hold of an ODS document or an XLSX workbook's shared strings, read from
//! the raw XML before calamine sees it.
//!
//! calamine expands an ODS sheet's repeats (`number-rows-repeated`,
//! `number-columns-repeated`) into a dense grid over the bounding box of its cells, so one
//! value repeated over a million rows costs gigabytes, and a failed allocation aborts the
//! process (found by fuzzing and by attacking `xxgk batch`, FUZZING.md): an ODS document's
//! area, the cells stored on the way and the text held (every repeated copy) are measured here
//! with a real XML parser ([`ods_span`]). calamine also keeps every shared string of an XLSX
//! workbook ([`shared_count`]); an XLSX sheet itself is measured as calamine streams its cells
//! (`xlsx_range` in the adapter).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// A sheet's cell area: the bounding box of its cells, and (ODS) how many cells the reader
/// materialises on the way, empty ones included.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Area {
    /// Rows and columns of the bounding box.
    pub rows: u64,
    pub cols: u64,
    /// Cells stored while reading, before the box is cut out.
    pub stored: u64,
    /// Bytes of cell text the reader holds, every copy counted.
    pub text: u64,
}

impl Area {
    /// Cells of the bounding box.
    pub fn cells(&self) -> u64 {
        self.rows.saturating_mul(self.cols)
    }
}

/// The number of strings in `xl/sharedStrings.xml`.
pub(crate) fn shared_count(xml: &[u8]) -> usize {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut count = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().into_inner() == "si" => {
                count += 1
            }
            _ => {}
        }
        buf.clear();
    }
    count
}

/// The area of the largest sheet of an ODS `content.xml`: rows between its first and last
/// row holding a value, repeats included, by the widest such row; every cell stored on the
/// way (empty repeated cells included); and the text of all sheets, repeats included.
pub(crate) fn ods_span(xml: &[u8]) -> Area {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut worst = Area::default();
    let mut sheet = SheetWalk::default();
    let mut text = 0u64;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) if e.local_name().into_inner() == "table" => {
                sheet = SheetWalk::default()
            }
            Event::End(e) if e.local_name().into_inner() == "table" => {
                let area = sheet.area();
                text = text.saturating_add(area.text);
                if area.cells() > worst.cells() || area.stored > worst.stored {
                    worst = area;
                }
                sheet = SheetWalk::default();
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "table-row" => {
                let repeats = attr(e, b"number-rows-repeated").and_then(|v| parse_u64(&v));
                sheet.start_row(repeats.unwrap_or(1).max(1));
                if matches!(event, Event::Empty(_)) {
                    sheet.end_row();
                }
            }
            Event::End(e) if e.local_name().into_inner() == "table-row" => sheet.end_row(),
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.local_name().into_inner(),
                    "table-cell" | "covered-table-cell"
                ) =>
            {
                let repeats = attr(e, b"number-columns-repeated").and_then(|v| parse_u64(&v));
                // A cell with a value type, or with content (text), holds a value.
                let value = attr(e, b"value-type").is_some() || matches!(event, Event::Start(_));
                sheet.cell(repeats.unwrap_or(1).max(1), value);
            }
            Event::Text(t) => sheet.text(t.len() as u64),
            _ => {}
        }
        buf.clear();
    }
    worst.stored = worst.stored.max(sheet.stored);
    worst.text = text.saturating_add(sheet.text);
    worst
}

/// Running counts over one ODS sheet.
#[derive(Debug, Default)]
struct SheetWalk {
    /// Rows so far, repeats included.
    rows: u64,
    /// First and last row (repeats included) holding a value, and the widest such row.
    first: Option<u64>,
    last: u64,
    width: u64,
    /// The open row: its repeat count, columns so far, the end of its last value.
    repeats: u64,
    col: u64,
    filled_to: u64,
    stored: u64,
    /// The open cell's repeat count; text of the open row (its cells' repeats included) and
    /// of the sheet so far (rows' repeats included).
    cell_repeats: u64,
    row_text: u64,
    text: u64,
}

impl SheetWalk {
    fn start_row(&mut self, repeats: u64) {
        self.repeats = repeats;
        self.col = 0;
        self.filled_to = 0;
    }

    fn cell(&mut self, repeats: u64, value: bool) {
        self.col = self.col.saturating_add(repeats);
        self.stored = self.stored.saturating_add(repeats);
        self.cell_repeats = repeats;
        if value {
            self.filled_to = self.col;
        }
    }

    fn text(&mut self, len: u64) {
        let copies = self.cell_repeats.max(1);
        self.row_text = self.row_text.saturating_add(len.saturating_mul(copies));
    }

    fn end_row(&mut self) {
        let copies = self.repeats.max(1);
        self.text = self
            .text
            .saturating_add(self.row_text.saturating_mul(copies));
        self.row_text = 0;
        if self.filled_to > 0 {
            self.first.get_or_insert(self.rows);
            self.last = self.rows.saturating_add(self.repeats);
            self.width = self.width.max(self.filled_to);
        }
        self.rows = self.rows.saturating_add(self.repeats);
        self.repeats = 0;
    }

    fn area(&self) -> Area {
        Area {
            rows: self.first.map_or(0, |f| self.last - f),
            cols: self.width,
            stored: self.stored,
            text: self.text,
        }
    }
}

/// An attribute's unescaped-enough value by local name (`r`, `table:number-rows-repeated`).
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<Vec<u8>> {
    let [value] = attrs(e, [name]);
    value.map(|v| v.trim_ascii().as_bytes().to_vec())
}

/// The raw values of the attributes named (by local name; the first of a repeated one), in one
/// pass over the tag.
fn attrs<'a, const N: usize>(
    e: &'a BytesStart<'_>,
    names: [&[u8]; N],
) -> [Option<std::borrow::Cow<'a, str>>; N] {
    let mut out = [const { None }; N];
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name().into_inner().as_bytes();
        if let Some(i) = names.iter().position(|n| *n == key) {
            if out[i].is_none() {
                out[i] = Some(a.value);
            }
        }
    }
    out
}

fn parse_u64(v: &[u8]) -> Option<u64> {
    std::str::from_utf8(v).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ods_repeats_count_where_they_hold_values() {
        // LibreOffice's trailing empty rows and columns cost nothing.
        let normal = br#"<table:table><table:table-row><table:table-cell office:value-type="float"/><table:table-cell table:number-columns-repeated="1023"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#;
        let a = ods_span(normal);
        assert_eq!((a.rows, a.cols), (1, 1));
        // A value repeated over a million rows spans them all.
        let far = br#"<table:table><table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="float"><text:p>1</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(ods_span(far).cells(), 1_048_000);
    }

    #[test]
    fn every_copy_of_a_string_is_counted() {
        let shared = b"<sst><si><t>abc</t></si><si><r><t>de</t></r><r><t>f</t></r></si><si/></sst>";
        assert_eq!(shared_count(shared), 3);
        // An ODS cell repeated over columns and its row over rows: every copy.
        let ods = br#"<table:table><table:table-row table:number-rows-repeated="10"><table:table-cell table:number-columns-repeated="4" office:value-type="string"><text:p>abcde</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(ods_span(ods).text, 5 * 4 * 10);
    }
}
