//! The area a worksheet's cells span, read from the raw sheet XML before calamine sees it.
//!
//! calamine builds a dense grid over the bounding box of a sheet's cells, so one cell at
//! `XFD1048576` costs gigabytes, and a failed allocation aborts the process (found by fuzzing
//! and by attacking `xxgk batch`, FUZZING.md). The sheet XML is read here with a real XML
//! parser and the positions calamine would give: a cell's `r` attribute in either quoting, or
//! for a cell without one, the next column of its row, whose number is the row's `r` or the
//! one after the previous row. ODS sheets are measured the same way, repeats included
//! ([`ods_span`]), since calamine expands `number-rows-repeated` and
//! `number-columns-repeated`.
//!
//! The text calamine will hold is measured too: every cell that refers to a shared string
//! gets its own copy of it, and a repeated ODS cell is repeated with its text, so a 1 MB string
//! used by 200,000 cells would cost 200 GB.

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

/// The length in bytes of each string of `xl/sharedStrings.xml`, in order.
pub(crate) fn shared_lengths(xml: &[u8]) -> Vec<u64> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) if e.local_name().into_inner() == "si" => out.push(0),
            Ok(Event::Empty(e)) if e.local_name().into_inner() == "si" => out.push(0),
            Ok(Event::Text(t)) => {
                if let Some(last) = out.last_mut() {
                    *last += t.len() as u64;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The bounding box of an XLSX sheet's cells, and the text its cells hold (`shared`: the
/// length of each shared string). Malformed XML ends the scan where it breaks (calamine stops
/// there too).
pub(crate) fn span(xml: &[u8], shared: &[u64]) -> Area {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let (mut text, mut in_shared, mut in_value) = (0u64, false, false);
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "row" => {
                if let Some(r) = attr(e, b"r").and_then(|v| parse_u64(&v)) {
                    row = r.saturating_sub(1);
                }
                col = 0;
            }
            Event::End(e) if e.local_name().into_inner() == "row" => {
                row = row.saturating_add(1);
                col = 0;
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "c" => {
                // A sheet is mostly cells: their two attributes are read in one pass.
                let [place, kind] = attrs(e, [b"r", b"t"]);
                let (r, c) = match place.and_then(|v| reference(v.trim_ascii().as_bytes())) {
                    Some(rc) => rc,
                    None => (row, col),
                };
                col = c.saturating_add(1);
                let b = bounds.get_or_insert((r, r, c, c));
                *b = (b.0.min(r), b.1.max(r), b.2.min(c), b.3.max(c));
                in_shared = kind.is_some_and(|t| t.trim_ascii() == "s");
            }
            Event::Start(e) if e.local_name().into_inner() == "v" => in_value = true,
            Event::End(e) if e.local_name().into_inner() == "v" => in_value = false,
            Event::Text(t) => {
                let copy = match in_shared && in_value {
                    true => parse_u64(t.as_ref().trim_ascii().as_bytes())
                        .and_then(|i| shared.get(usize::try_from(i).ok()?).copied()),
                    false => None,
                };
                text = text.saturating_add(copy.unwrap_or(t.len() as u64));
            }
            _ => {}
        }
        buf.clear();
    }
    match bounds {
        Some((r0, r1, c0, c1)) => Area {
            rows: r1 - r0 + 1,
            cols: c1 - c0 + 1,
            stored: 0,
            text,
        },
        None => Area::default(),
    }
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

/// The 0-based (row, column) of an A1 reference (`B7`, `$B$7`).
fn reference(value: &[u8]) -> Option<(u64, u64)> {
    let unmarked;
    let value = if value.contains(&b'$') {
        unmarked = value
            .iter()
            .copied()
            .filter(|&b| b != b'$')
            .collect::<Vec<u8>>();
        &unmarked[..]
    } else {
        value
    };
    let letters = value.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let col = value[..letters].iter().fold(0u64, |n, b| {
        n.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = parse_u64(&value[letters..])?;
    (letters > 0 && row > 0).then(|| (row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(xml: &[u8]) -> (u64, u64) {
        let a = span(xml, &[]);
        (a.rows, a.cols)
    }

    #[test]
    fn spans_the_cells_not_the_rows() {
        let xml = br#"<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="D9"><v>1</v></c></row></sheetData>"#;
        assert_eq!(area(xml), (8, 3));
        assert_eq!(area(b"<sheetData/>"), (0, 0));
        let far = br#"<c r="A1"/><c s="1" r="XFD1048576"/>"#;
        assert_eq!(area(far), (1_048_576, 16_384));
    }

    #[test]
    fn ignores_other_attributes_ending_in_r() {
        assert_eq!(area(br#"<c nr="ZZ9" r="C3"/>"#), (1, 1));
    }

    #[test]
    fn every_spelling_of_a_far_cell_is_measured() {
        // Single quotes, a newline after `<c`, no `r` in a far row, a prefix.
        assert_eq!(area(b"<c r='A1'/><c r='Z200000'/>").0, 200_000);
        assert_eq!(area(b"<c r=\"A1\"/><c\n\tr=\"A300000\"/>").0, 300_000);
        let no_r =
            b"<row r=\"1\"><c><v>1</v></c></row><row r=\"1048576\"><c/><c/><c><v>2</v></c></row>";
        assert_eq!(area(no_r), (1_048_576, 3));
        assert_eq!(area(b"<x:c r=\"A1\"/><x:c r=\"B400000\"/>"), (400_000, 2));
    }

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
        let shared = shared_lengths(
            b"<sst><si><t>abc</t></si><si><r><t>de</t></r><r><t>f</t></r></si><si/></sst>",
        );
        assert_eq!(shared, [3, 3, 0]);
        let sheet = br#"<row><c t="s"><v>1</v></c><c t="s"><v>1</v></c><c t="s"><v>0</v></c><c><v>12</v></c></row>"#;
        assert_eq!(span(sheet, &shared).text, 3 + 3 + 3 + 2);
        // An ODS cell repeated over columns and its row over rows: every copy.
        let ods = br#"<table:table><table:table-row table:number-rows-repeated="10"><table:table-cell table:number-columns-repeated="4" office:value-type="string"><text:p>abcde</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(ods_span(ods).text, 5 * 4 * 10);
    }
}
