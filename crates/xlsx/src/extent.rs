//! The area a worksheet's cells span, read from the raw sheet XML before calamine sees it.
//!
//! calamine builds a dense grid over the bounding box of a sheet's cells, so one cell at
//! `XFD1048576` costs gigabytes (found by fuzzing, FUZZING.md). A byte scan for the cell
//! references (`<c r="B7"`) finds the box first, so such a sheet is refused with a clear limit
//! instead of exhausting memory.

/// Bounding box of the cell references in a sheet: (rows, columns) it spans, or `None` for a
/// sheet with no cell.
pub(crate) fn span(xml: &[u8]) -> Option<(u64, u64)> {
    let mut bounds: Option<(u64, u64, u64, u64)> = None; // min row, max row, min col, max col
    let mut at = 0;
    while let Some(i) = find(&xml[at..], b"<c ") {
        let start = at + i + 3;
        let end = xml[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(xml.len(), |p| start + p);
        if let Some((row, col)) = reference(&xml[start..end]) {
            let b = bounds.get_or_insert((row, row, col, col));
            *b = (b.0.min(row), b.1.max(row), b.2.min(col), b.3.max(col));
        }
        at = end.max(start);
    }
    bounds.map(|(r0, r1, c0, c1)| (r1 - r0 + 1, c1 - c0 + 1))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The (row, column) of the `r="B7"` attribute inside one `<c …>` start tag, 0-based.
fn reference(tag: &[u8]) -> Option<(u64, u64)> {
    let mut i = 0;
    let value = loop {
        let at = i + find(&tag[i..], b"r=\"")?;
        if at == 0 || tag[at - 1].is_ascii_whitespace() {
            break &tag[at + 3..];
        }
        i = at + 3;
    };
    let (mut col, mut row, mut n) = (0u64, 0u64, 0);
    while let Some(&b) = value.get(n).filter(|b| b.is_ascii_uppercase()) {
        col = col
            .saturating_mul(26)
            .saturating_add(u64::from(b - b'A') + 1);
        n += 1;
    }
    let letters = n;
    while let Some(&b) = value.get(n).filter(|b| b.is_ascii_digit()) {
        row = row.saturating_mul(10).saturating_add(u64::from(b - b'0'));
        n += 1;
    }
    (letters > 0 && n > letters && row > 0).then(|| (row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_the_cells_not_the_rows() {
        let xml = br#"<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="D9"><v>1</v></c></row></sheetData>"#;
        assert_eq!(span(xml), Some((8, 3)));
        assert_eq!(span(b"<sheetData/>"), None);
        let far = br#"<c r="A1"/><c s="1" r="XFD1048576"/>"#;
        assert_eq!(span(far), Some((1_048_576, 16_384)));
    }

    #[test]
    fn ignores_other_attributes_ending_in_r() {
        assert_eq!(span(br#"<c nr="ZZ9" r="C3"/>"#), Some((1, 1)));
    }
}
