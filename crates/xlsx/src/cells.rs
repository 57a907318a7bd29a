//! XLSX sheets read in one pass each, for workbooks of the common shape: text in the shared
//! strings, numbers in plain (not date) formats — what report workbooks hold.
//!
//! calamine reads a sheet's cells with a buffered XML reader over the zip stream and an owned
//! value per cell, and its merged ranges with a second pass; here each sheet is inflated once
//! (within the limits) and read with quick-xml's borrowing slice reader, cells and merged
//! ranges from the same bytes. The values are the ones calamine gives (the same
//! [`calamine::Data`], then the same table): shared strings as calamine reads them (runs
//! joined, phonetic runs left out, a `<t>` trimmed of ASCII white space unless
//! `xml:space="preserve"`), numbers parsed to the same `f64`. Whatever this reader does not
//! reproduce exactly makes it give up, and calamine reads the workbook: a cell typed other
//! than shared string or number, a number in a date or time format (calamine makes it a
//! date), a cell without its `r` address, two values in one cell, a shared string with
//! `_xHHHH_` escapes, a carriage return, CDATA or an unknown entity, an `<si/>`, a sheet
//! relationship of an unknown type or a sheet state calamine does not know, a dimension or row
//! number it cannot read, malformed XML. (One thing calamine fails and this reader passes: an
//! empty cell's address is not read.) The tests compare both readers on every fixture workbook.

use crate::merges::{self, SheetPart};
use crate::{Extent, FORMAT};
use calamine::{Cell, Data, DataRef, Range};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use xxgk_model::{Limits, ReadError};

/// A sheet as read: its cells (calamine's, in document order) and merged ranges.
pub(crate) struct Sheet {
    pub(crate) range: Range<Data>,
    pub(crate) merges: Vec<crate::Merge>,
}

/// Why this reader stepped aside (calamine reads the workbook instead).
struct Unusual;

/// Every sheet of the workbook, in `parts` order, or `None` where calamine is to read it.
pub(crate) fn read(
    package: &mut xxgk_ooxml::Package<'_>,
    parts: &[SheetPart],
    shared: Option<&[u8]>,
    limits: &Limits,
) -> Result<Option<Vec<Sheet>>, ReadError> {
    let styles = xxgk_ooxml::read_entry(package, "xl/styles.xml", FORMAT, limits)?;
    let Ok(plain) = styles.as_deref().map_or(Ok(Vec::new()), plain_styles) else {
        return Ok(None);
    };
    let Ok(strings) = shared.map_or(Ok(Vec::new()), shared_strings) else {
        return Ok(None);
    };
    let (mut text, mut area) = (0u64, 0usize);
    let mut out = Vec::with_capacity(parts.len());
    for part in parts {
        // Two sheets of one name: calamine reads the first.
        let first = parts.iter().find(|p| p.name == part.name).unwrap_or(part);
        let Some(xml) = xxgk_ooxml::read_entry(package, &first.part, FORMAT, limits)? else {
            return Ok(None);
        };
        let mut extent = Extent::new(&mut text);
        let cells = match cells(&xml, &strings, &plain, &mut extent, &part.name, limits) {
            Ok(cells) => cells?,
            Err(Unusual) => return Ok(None),
        };
        extent.check(&part.name, limits)?;
        // The workbook's cells in all, before this sheet's grid is built.
        area = area.saturating_add(extent.area());
        limits.check_cells(area, crate::WORKBOOK_CELLS)?;
        out.push(Sheet {
            range: Range::from_sparse(cells),
            merges: merges::merges(&xml),
        });
    }
    Ok(Some(out))
}

/// For each cell format (`<cellXfs>`, by index), whether a number in it stays a number in
/// calamine (a date, time or duration format makes it a date), decided as calamine decides.
fn plain_styles(xml: &[u8]) -> Result<Vec<bool>, Unusual> {
    let mut reader = Reader::from_reader(xml);
    let mut custom: Vec<(String, bool)> = Vec::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        let (e, open) = match reader.read_event().map_err(|_| Unusual)? {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.local_name().into_inner() == "cellXfs" => {
                in_cell_xfs = false;
                continue;
            }
            Event::Eof => return Ok(formats),
            _ => continue,
        };
        match e.local_name().into_inner() {
            "numFmt" => {
                let (Some(id), Some(code)) = (attr(&e, "numFmtId")?, attr(&e, "formatCode")?)
                else {
                    continue;
                };
                custom.push((id, !is_date_code(&code)));
            }
            "cellXfs" => in_cell_xfs = open,
            "xf" if in_cell_xfs => {
                let plain = match attr(&e, "numFmtId")? {
                    None => true,
                    Some(id) => match custom.iter().rfind(|(i, _)| *i == id) {
                        Some(&(_, plain)) => plain,
                        None => !is_builtin_date(&id),
                    },
                };
                formats.push(plain);
            }
            _ => {}
        }
    }
}

/// Whether calamine takes a custom number format for a date, time or duration: the first
/// section's unquoted, unescaped, unbracketed `d m h y s` (or `m`/`p`/`/` after an `a`), or a
/// bracketed `[h]`, `[mm]`, `[ss]` (a duration). Its rules, step for step, so that a number
/// stays a number exactly where calamine keeps it one.
fn is_date_code(code: &str) -> bool {
    let (mut escaped, mut quoted, mut ampm, mut elapsed) = (false, false, false, false);
    let (mut brackets, mut prev) = (0u8, ' ');
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return false;
        } else if c == '[' {
            brackets = brackets.wrapping_add(1);
        } else if c == ']' && brackets == 1 && elapsed {
            return true;
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if matches!(c, 'a' | 'A') && !ampm && brackets == 0 {
            ampm = true;
        } else if brackets == 0
            && match ampm {
                true => "pm/PM".contains(c),
                false => "dmhysDMHYS".contains(c),
            }
        {
            return true;
        } else if !(elapsed && c.eq_ignore_ascii_case(&prev)) {
            elapsed = prev == '[' && "mhsMHS".contains(c);
        }
        prev = c;
    }
    false
}

/// calamine's built-in date and time formats (ECMA-376 18.8.30, and the East Asian ones).
fn is_builtin_date(id: &str) -> bool {
    id.parse::<u32>()
        .is_ok_and(|n| matches!(n, 14..=22 | 27..=36 | 45..=47 | 50..=58))
}

/// An attribute's value, unescaped; `Unusual` where it cannot be.
fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, Unusual> {
    let Some(raw) = raw_attr(e, name)? else {
        return Ok(None);
    };
    let value = quick_xml::escape::unescape(&raw).map_err(|_| Unusual)?;
    Ok(Some(value.into_owned()))
}

/// An attribute's value as written (an address or a number, which hold no entities).
fn raw_attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Result<Option<Cow<'a, str>>, Unusual> {
    for a in e.attributes() {
        let a = a.map_err(|_| Unusual)?;
        if a.key.into_inner() == name {
            return Ok(Some(a.value));
        }
    }
    Ok(None)
}

/// The shared strings as calamine reads them.
fn shared_strings(xml: &[u8]) -> Result<Vec<String>, Unusual> {
    let mut reader = Reader::from_reader(xml);
    let (mut out, mut root) = (Vec::new(), false);
    loop {
        match reader.read_event().map_err(|_| Unusual)? {
            Event::Start(e) if !root && e.local_name().into_inner() == "sst" => root = true,
            Event::Start(e) if root && e.local_name().into_inner() == "si" => {
                out.push(rich_text(&mut reader, "si")?);
            }
            Event::End(e) if root && e.local_name().into_inner() == "sst" => return Ok(out),
            // `<si/>`, other elements, no `<sst>` root or no end: calamine reads.
            Event::Start(_) | Event::Empty(_) | Event::End(_) | Event::Eof => return Err(Unusual),
            _ => {}
        }
    }
}

/// The text of a string item (`<si>`, or an inline string's `<is>`), read up to its end tag,
/// as calamine reads it: the `<t>` elements' text outside phonetic runs (`<rPh>`), joined, each
/// trimmed of ASCII white space unless `xml:space="preserve"`.
fn rich_text(reader: &mut Reader<&[u8]>, end: &str) -> Result<String, Unusual> {
    let (mut text, mut phonetic) = (String::new(), false);
    loop {
        match reader.read_event().map_err(|_| Unusual)? {
            Event::Start(e) => match e.local_name().into_inner() {
                "rPh" => phonetic = true,
                "t" if !phonetic => {
                    let mut preserve = false;
                    for a in e.attributes() {
                        let a = a.map_err(|_| Unusual)?;
                        preserve |= a.key.into_inner() == "xml:space" && a.value == "preserve";
                    }
                    let raw = reader
                        .read_text(e.name())
                        .map_err(|_| Unusual)?
                        .into_inner();
                    let value = quick_xml::escape::unescape(&raw).map_err(|_| Unusual)?;
                    // `_xHHHH_` escapes (also written with character references), line ends
                    // calamine normalises, markup inside the text.
                    let odd = |t: &str| t.contains(['\r', '<']) || t.contains("_x");
                    if odd(&raw) || odd(&value) {
                        return Err(Unusual);
                    }
                    text.push_str(match preserve {
                        true => &value,
                        false => value.trim_matches([' ', '\t', '\r', '\n']),
                    });
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().into_inner() {
                "rPh" => phonetic = false,
                name if name == end => return Ok(text),
                _ => {}
            },
            Event::CData(_) | Event::Eof => return Err(Unusual),
            _ => {}
        }
    }
}

/// A sheet's non-empty cells in document order, measured as they come (the outer error is
/// this reader stepping aside, the inner one a limit).
fn cells(
    xml: &[u8],
    strings: &[String],
    plain: &[bool],
    extent: &mut Extent<'_>,
    name: &str,
    limits: &Limits,
) -> Result<Result<Vec<Cell<Data>>, ReadError>, Unusual> {
    let mut reader = Reader::from_reader(xml);
    // The cells are those of `<sheetData>`, as calamine reads them.
    loop {
        match reader.read_event().map_err(|_| Unusual)? {
            Event::Start(e) if e.local_name().into_inner() == "sheetData" => break,
            Event::Empty(e) if e.local_name().into_inner() == "sheetData" => {
                return Ok(Ok(Vec::new()))
            }
            // calamine fails a sheet whose dimension is not a range.
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "dimension" => {
                let range = raw_attr(&e, "ref")?.ok_or(Unusual)?;
                let ends: Vec<_> = range.split(':').map(|a| address(a.as_bytes())).collect();
                if ends.len() > 2 || ends.contains(&None) {
                    return Err(Unusual);
                }
            }
            Event::Eof => return Err(Unusual),
            _ => {}
        }
    }
    let mut out = Vec::new();
    loop {
        let e = match reader.read_event().map_err(|_| Unusual)? {
            Event::Start(e) if e.local_name().into_inner() == "c" => e,
            Event::End(e) if e.local_name().into_inner() == "sheetData" => return Ok(Ok(out)),
            // calamine fails on a row number it cannot read.
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "row" => {
                if let Some(r) = raw_attr(&e, "r")? {
                    digits::<u32>(r.as_bytes())
                        .filter(|&n| n >= 1)
                        .ok_or(Unusual)?;
                }
                continue;
            }
            Event::End(e) if e.local_name().into_inner() == "row" => continue,
            // An empty cell holds nothing: its address is not read (most cells of a laid-out
            // sheet are empty, styled ones; calamine fails a file on a bad one).
            Event::Empty(e) if e.local_name().into_inner() == "c" => continue,
            Event::Text(t) if t.trim_ascii().is_empty() => continue,
            _ => return Err(Unusual),
        };
        let (mut at, mut kind, mut style) = (None, None, None);
        for a in e.attributes() {
            let a = a.map_err(|_| Unusual)?;
            match a.key.into_inner() {
                "r" => at = Some(address(a.value.as_bytes()).ok_or(Unusual)?),
                "t" => kind = Some(a.value),
                "s" => style = Some(a.value),
                _ => {}
            }
        }
        let at = at.ok_or(Unusual)?;
        // Each child element replaces the value calamine keeps: the last one counts (a formula
        // after the value leaves the cell empty).
        let mut last = Child::Nothing;
        loop {
            match reader.read_event().map_err(|_| Unusual)? {
                Event::Start(is) if is.local_name().into_inner() == "is" => {
                    last = Child::Inline(rich_text(&mut reader, "is")?);
                }
                Event::Start(v) if v.local_name().into_inner() == "v" => {
                    let raw = reader.read_text(v.name()).map_err(|_| Unusual)?;
                    last = Child::Value(raw.into_inner());
                }
                Event::Start(f) if f.local_name().into_inner() == "f" => {
                    reader.read_to_end(f.name()).map_err(|_| Unusual)?;
                    last = Child::Nothing;
                }
                Event::Empty(f) if f.local_name().into_inner() == "f" => last = Child::Nothing,
                Event::End(end) if end.local_name().into_inner() == "c" => break,
                Event::Text(t) if t.trim_ascii().is_empty() => {}
                _ => return Err(Unusual),
            }
        }
        let data = match (kind.as_deref(), last) {
            (_, Child::Nothing) => continue,
            (Some("inlineStr"), Child::Inline(text)) => DataRef::String(text),
            // calamine ignores an inline string's `<v>`.
            (Some("inlineStr"), Child::Value(_)) => continue,
            (_, Child::Inline(_)) => return Err(Unusual),
            (kind, Child::Value(value)) => cell_value(kind, &value, style, strings, plain)?,
        };
        if let Err(e) = extent.add(at, &data, limits) {
            return Ok(Err(e));
        }
        if let Err(e) = Extent::count(out.len(), name, limits) {
            return Ok(Err(e));
        }
        out.push(Cell::new(at, Data::from(data)));
    }
}

/// The child of a cell that gives its value.
enum Child<'a> {
    Nothing,
    Value(Cow<'a, str>),
    Inline(String),
}

/// A `<v>` value of a shared-string or number cell, as calamine reads it.
fn cell_value<'s>(
    kind: Option<&str>,
    value: &str,
    style: Option<Cow<'_, str>>,
    strings: &'s [String],
    plain: &[bool],
) -> Result<DataRef<'s>, Unusual> {
    Ok(match kind {
        Some("s") => {
            let index: usize = digits(value.as_bytes()).ok_or(Unusual)?;
            DataRef::SharedString(strings.get(index).ok_or(Unusual)?)
        }
        None | Some("n") => {
            let plain = match style {
                None => true,
                Some(s) => {
                    let index = digits::<usize>(s.as_bytes()).ok_or(Unusual)?;
                    *plain.get(index).ok_or(Unusual)?
                }
            };
            if !plain {
                return Err(Unusual);
            }
            DataRef::Float(number(value.as_bytes()).ok_or(Unusual)?)
        }
        _ => return Err(Unusual),
    })
}

/// A non-negative decimal integer, digits only.
fn digits<T: std::str::FromStr>(bytes: &[u8]) -> Option<T> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// A number as Excel writes one (`-12.5`, `1E-3`): the plain decimal forms only, whose value
/// every correct parser gives alike.
fn number(bytes: &[u8]) -> Option<f64> {
    let rest = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let (mantissa, exponent) = match rest.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, &[][..]),
    };
    let all_digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let mantissa_ok = all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|x| {
        let x = x.strip_prefix(b"-").or(x.strip_prefix(b"+")).unwrap_or(x);
        !x.is_empty() && all_digits(x)
    });
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// A cell address (`B7`) as 0-based (row, column); `None` unless letters then digits, within
/// Excel's grid.
fn address(bytes: &[u8]) -> Option<(u32, u32)> {
    let letters = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let (col, row) = bytes.split_at(letters);
    if !(1..=3).contains(&col.len()) {
        return None;
    }
    let col = col
        .iter()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1);
    let row: u32 = digits(row)?;
    (1..=1_048_576).contains(&row).then_some(())?;
    (col <= 16_384).then_some((row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_addresses_and_strings_as_calamine_reads_them() {
        assert_eq!(number(b"-12.5"), Some(-12.5));
        assert_eq!(number(b"1E-3"), Some(0.001));
        assert_eq!(number(b".5"), Some(0.5));
        for bad in [
            &b""[..],
            b"-",
            b".",
            b"inf",
            b"NaN",
            b"+1",
            b"1e",
            b"0x10",
            b" 1",
        ] {
            assert_eq!(number(bad), None, "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(address(b"B7"), Some((6, 1)));
        assert_eq!(address(b"XFD1048576"), Some((1_048_575, 16_383)));
        for bad in [
            &b"b7"[..],
            b"7",
            b"B",
            b"XFE1",
            b"A0",
            b"A1048577",
            b"AAAA1",
        ] {
            assert_eq!(address(bad), None);
        }
        let sst = br#"<sst><si><t> a &amp; b </t></si><si><r><t xml:space="preserve"> x</t></r><r><t>y</t></r><rPh><t>ignored</t></rPh></si><si></si></sst>"#;
        assert!(
            matches!(shared_strings(sst).as_deref(), Ok([a, b, c]) if a == "a & b" && b == " xy" && c.is_empty())
        );
        for unusual in [
            &br#"<sst><si><t>_x000D_</t></si></sst>"#[..],
            br#"<sst><si/></sst>"#,
            br#"<sst><si><t><![CDATA[x]]></t></si></sst>"#,
            br#"<sst><si><t>&nbsp;</t></si></sst>"#,
        ] {
            assert!(shared_strings(unusual).is_err());
        }
    }

    /// Every workbook in `fixtures/` (and the shared corpus, where present).
    fn workbooks() -> Vec<std::path::PathBuf> {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut todo = vec![
            here.join("../../fixtures"),
            here.join("../../../shared/corpus"),
        ];
        let mut out = Vec::new();
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    todo.push(path);
                } else if path.extension().is_some_and(|x| x == "xlsx" || x == "xlsm") {
                    out.push(path);
                }
            }
        }
        out.sort();
        out
    }

    /// A workbook of `sheets` (name, state, part), the `parts` (path, XML) and shared strings.
    fn workbook(sheets: &[(&str, &str, &str)], parts: &[(&str, &str)], shared: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut add = |name: &str, xml: &str| {
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file(name, options).expect("zip");
            zip.write_all(xml.as_bytes()).expect("zip");
        };
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        add(
            "_rels/.rels",
            &format!(
                r#"<Relationships><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        );
        let (mut book, mut rels) = (String::new(), String::new());
        for (i, (name, state, part)) in sheets.iter().enumerate() {
            let state = match *state {
                "" => String::new(),
                s => format!(r#" state="{s}""#),
            };
            book += &format!(r#"<sheet name="{name}" sheetId="{i}"{state} r:id="s{i}"/>"#);
            rels += &format!(r#"<Relationship Id="s{i}" Type="{rel}/worksheet" Target="{part}"/>"#);
        }
        add(
            "xl/workbook.xml",
            &format!(r#"<workbook xmlns:r="{rel}"><sheets>{book}</sheets></workbook>"#),
        );
        add(
            "xl/_rels/workbook.xml.rels",
            &format!("<Relationships>{rels}</Relationships>"),
        );
        add("xl/sharedStrings.xml", &format!("<sst>{shared}</sst>"));
        for (path, xml) in parts {
            add(&format!("xl/{path}"), xml);
        }
        zip.finish().expect("zip").into_inner()
    }

    /// Whether this reader reads the workbook (else calamine does).
    fn read_here(bytes: &[u8], limits: &Limits) -> Result<bool, ReadError> {
        let mut package = xxgk_ooxml::open(bytes, FORMAT, limits)?;
        let shared = crate::check_package(&mut package, limits)?;
        let Some(parts) = merges::sheet_parts(&mut package, limits)? else {
            return Ok(false);
        };
        Ok(read(&mut package, &parts, shared.as_deref(), limits)?.is_some())
    }

    #[test]
    fn the_workbooks_cells_are_counted_before_each_sheets_grid() {
        // Many sheets of one small part whose two cells span 60 cells each: refused at the
        // second sheet, as calamine's reading refuses it, before the grids are built.
        let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="30"><c r="B30"><v>2</v></c></row></sheetData></worksheet>"#;
        let sheets: Vec<(String, &str, &str)> = (0..1000)
            .map(|i| (format!("S{i}"), "", "worksheets/sheet1.xml"))
            .collect();
        let sheets: Vec<(&str, &str, &str)> = sheets
            .iter()
            .map(|(n, s, p)| (n.as_str(), *s, *p))
            .collect();
        let bytes = workbook(&sheets, &[("worksheets/sheet1.xml", sheet)], "");
        let limits = Limits {
            max_cells: 100,
            ..Limits::default()
        };
        let ours = crate::read_workbook(&bytes, &limits, true).map_err(|e| e.to_string());
        let theirs = crate::read_workbook(&bytes, &limits, false).map_err(|e| e.to_string());
        assert_eq!(ours, theirs);
        assert!(ours.is_err_and(|e| e.contains("cells in the workbook")));
        assert!(read_here(&bytes, &limits).is_err());
        assert!(read_here(&bytes, &Limits::default()).is_ok_and(|here| here));
    }

    #[test]
    fn what_calamine_reads_otherwise_is_left_to_it() {
        let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
        let one = |state, shared| {
            workbook(
                &[("S", state, "worksheets/s.xml")],
                &[("worksheets/s.xml", sheet)],
                shared,
            )
        };
        let limits = Limits::default();
        assert!(read_here(&one("", "<si><t>a</t></si>"), &limits).is_ok_and(|here| here));
        // An `_xHHHH_` escape written with a character reference; a state calamine refuses.
        assert!(read_here(&one("", "<si><t>&#95;x000D_</t></si>"), &limits).is_ok_and(|h| !h));
        assert!(read_here(&one("bogus", "<si><t>a</t></si>"), &limits).is_ok_and(|h| !h));
        for odd in [
            r#"<worksheet><dimension ref="A0"/><sheetData/></worksheet>"#,
            r#"<worksheet><sheetData><row r="0"/></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="A1" t="e"><v>#N/A</v></c></row></sheetData></worksheet>"#,
            r#"<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c></row></sheetData></worksheet>"#,
        ] {
            let bytes = workbook(
                &[("S", "", "worksheets/s.xml")],
                &[("worksheets/s.xml", odd)],
                "",
            );
            assert!(read_here(&bytes, &limits).is_ok_and(|h| !h), "{odd}");
        }
    }

    #[test]
    fn every_fixture_workbook_reads_as_calamine_reads_it() {
        let limits = Limits::default();
        let (mut own, mut all) = (0, 0);
        for file in workbooks() {
            let bytes = std::fs::read(&file).unwrap_or_default();
            let ours = crate::read_workbook(&bytes, &limits, true);
            let theirs = crate::read_workbook(&bytes, &limits, false);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert!(a == b, "{}", file.display()),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                _ => panic!("{}: {:?} vs {:?}", file.display(), ours.err(), theirs.err()),
            }
            all += 1;
            let Ok(mut package) = xxgk_ooxml::open(&bytes, FORMAT, &limits) else {
                continue;
            };
            let shared = crate::check_package(&mut package, &limits).ok().flatten();
            let parts = merges::sheet_parts(&mut package, &limits).ok().flatten();
            let read = parts.map(|p| read(&mut package, &p, shared.as_deref(), &limits));
            own += usize::from(matches!(read, Some(Ok(Some(_)))));
        }
        assert!(all >= 40, "{all} workbooks");
        // Report workbooks are of the common shape: nearly all are read here.
        assert!(own * 10 >= all * 8, "{own} of {all} read here");
    }

    #[test]
    fn a_number_in_a_date_format_is_left_to_calamine() {
        let styles = br#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="yyyy&quot;Y&quot;m&quot;M&quot;"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="3"/></cellXfs></styleSheet>"#;
        assert!(matches!(
            plain_styles(styles).as_deref(),
            Ok([true, false, true, false, true])
        ));
        for (code, date) in [
            ("General", false),
            ("0.00_);[Red]\\(0.00\\)", false),
            ("#,##0", false),
            ("[Red]0.0", false),
            ("0;[Red]-0", false),
            ("\"days\" 0", false),
            ("\\d0", false),
            ("yyyy-mm-dd", true),
            ("m/d/yy", true),
            ("[h]:mm:ss", true),
            ("[ss]", true),
            ("[$-804]yyyy\"年\"m\"月\"d\"日\"", true),
            ("am/pm", true),
            ("0.0;yyyy", false),
        ] {
            assert_eq!(is_date_code(code), date, "{code}");
        }
    }
}
