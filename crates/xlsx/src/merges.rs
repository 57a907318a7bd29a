//! An XLSX sheet's merged ranges, read from the sheet's `<mergeCells>` element alone.
//!
//! calamine reads them with a pass over the whole sheet XML (`merge_cells_by_sheet_name`), as
//! long as the pass that reads the cells: a quarter of a workbook's reading. `<mergeCells>`
//! follows `<sheetData>` (ECMA-376 Part 1, 18.3.1.99), and a `<` cannot occur unescaped in
//! text or attribute values, so the element's start tag is found by its bytes and only the
//! element is parsed. The ranges are what calamine gives: each `mergeCell` `ref` read as
//! calamine reads it (a bad one, and calamine gives none for the sheet). The sheet's part is
//! found as calamine finds it, by the workbook's relationships; a workbook laid out otherwise
//! (a workbook part other than `xl/workbook.xml`, a target not in the package as written,
//! malformed XML, a sheet not found by its name) is left to calamine. A `<mergeCells` inside a
//! comment or CDATA before the element would be taken for it (crafted files only).

use crate::Merge;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use xxgk_model::{Limits, ReadError};

/// A sheet of the workbook: its name, its part in the package, and whether it is hidden.
pub(crate) struct SheetPart {
    pub(crate) name: String,
    pub(crate) part: String,
    pub(crate) hidden: bool,
}

/// Each sheet, in workbook order, where the package is laid out as calamine's default.
pub(crate) fn sheet_parts(
    package: &mut xxgk_ooxml::Package<'_>,
    limits: &Limits,
) -> Result<Option<Vec<SheetPart>>, ReadError> {
    let mut read = |name| xxgk_ooxml::read_entry(package, name, crate::FORMAT, limits);
    let root = read("_rels/.rels")?.unwrap_or_default();
    // The last, as calamine reads them.
    let Some(rels) = elements(&root, "Relationship", &["Type", "Target"]) else {
        return Ok(None);
    };
    let rels = complete(rels);
    let office = rels
        .into_iter()
        .rfind(|a| a[0].ends_with("/officeDocument"));
    let at_default = office.is_some_and(|a| {
        let target = a[1].strip_prefix('/').unwrap_or(&a[1]);
        target == "xl/workbook.xml"
    });
    let (Some(rels), Some(book), true) = (
        read("xl/_rels/workbook.xml.rels")?,
        read("xl/workbook.xml")?,
        at_default,
    ) else {
        return Ok(None);
    };
    let (Some(relationships), Some(sheets)) = (
        elements(&rels, "Relationship", &["Id", "Target", "Type"]),
        elements(&book, "sheet", &["name", "id", "state"]),
    ) else {
        return Ok(None);
    };
    let relationships = complete(relationships);
    // A sheet's part, where its relationship is of a sheet type calamine knows.
    let targets: HashMap<String, Option<String>> = relationships
        .into_iter()
        .map(|[id, target, kind]| {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            let sheet = kind
                .rsplit('/')
                .next()
                .is_some_and(|k| matches!(k, "worksheet" | "chartsheet" | "dialogsheet"));
            (id, sheet.then_some(path))
        })
        .collect();
    // A sheet without a name or a relationship, of another type, or in a state calamine does
    // not know: calamine reads the workbook (and says what is wrong).
    let parts = sheets
        .into_iter()
        .map(|[name, id, state]| {
            let hidden = match state.as_deref() {
                None | Some("visible") => false,
                Some("hidden" | "veryHidden") => true,
                Some(_) => return None,
            };
            Some(SheetPart {
                name: name?,
                part: targets.get(&id?)?.clone()?,
                hidden,
            })
        })
        .collect();
    Ok(parts)
}

/// The elements that have every attribute asked for.
fn complete<const N: usize>(found: Vec<[Option<String>; N]>) -> Vec<[String; N]> {
    found
        .into_iter()
        .filter(|a| a.iter().all(Option::is_some))
        .map(|a| a.map(Option::unwrap_or_default))
        .collect()
}

/// The attributes named (by local name; unescaped) of every element `tag`, in order. `None`
/// where the XML is malformed (calamine would read otherwise).
fn elements<const N: usize>(
    xml: &[u8],
    tag: &str,
    names: &[&str; N],
) -> Option<Vec<[Option<String>; N]>> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().into_inner() == tag => {
                let mut found: [Option<String>; N] = [const { None }; N];
                for a in e.attributes().flatten() {
                    let key = a.key.local_name().into_inner();
                    if let Some(i) = names.iter().position(|n| *n == key) {
                        // Unescaped only, as calamine reads names.
                        let value = quick_xml::escape::unescape(&a.value).ok()?;
                        found[i] = Some(value.into_owned());
                    }
                }
                out.push(found);
            }
            Ok(Event::Eof) => return Some(out),
            Err(_) => return None,
            _ => {}
        }
    }
}

/// Every sheet's merged ranges by name (`None` where a sheet's part is missing, and calamine
/// reads them).
pub(crate) fn by_sheet(
    package: &mut xxgk_ooxml::Package<'_>,
    parts: &[SheetPart],
    limits: &Limits,
) -> Result<Option<HashMap<String, Vec<Merge>>>, ReadError> {
    let mut out = HashMap::new();
    for SheetPart { name, part, .. } in parts {
        let Some(xml) = xxgk_ooxml::read_entry(package, part, crate::FORMAT, limits)? else {
            return Ok(None);
        };
        // Two sheets of one name: calamine reads the first.
        out.entry(name.clone()).or_insert_with(|| merges(&xml));
    }
    Ok(Some(out))
}

/// The merged ranges of a sheet's XML, as calamine reads them.
pub(crate) fn merges(xml: &[u8]) -> Vec<Merge> {
    let Some(start) = element_start(xml, b"mergeCells") else {
        return Vec::new();
    };
    let mut reader = Reader::from_reader(&xml[start..]);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().into_inner() == "mergeCell" => {
                let Some(value) = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .find(|a| a.key.into_inner() == "ref")
                    .map(|a| a.value)
                else {
                    continue;
                };
                match dimension(&value) {
                    Some(merge) => out.push(merge),
                    None => return Vec::new(),
                }
            }
            Ok(Event::End(e)) if e.local_name().into_inner() == "mergeCells" => return out,
            // calamine fails the sheet's merges on bad XML or a missing end.
            Ok(Event::Eof) | Err(_) => return Vec::new(),
            _ => {}
        }
    }
}

/// Where the first start tag of element `name` (with or without a prefix) begins.
fn element_start(xml: &[u8], name: &[u8]) -> Option<usize> {
    let name_byte = |b: &&u8| b.is_ascii_alphanumeric() || b"_-.".contains(b);
    memchr::memmem::find_iter(xml, name).find_map(|i| {
        let ends = xml
            .get(i + name.len())
            .is_some_and(|b| b.is_ascii_whitespace() || b"/>".contains(b));
        let before = match xml[..i].strip_suffix(b":") {
            Some(prefixed) => {
                let n = prefixed.iter().rev().take_while(name_byte).count();
                (n > 0).then(|| &prefixed[..prefixed.len() - n])?
            }
            None => &xml[..i],
        };
        (ends && before.ends_with(b"<")).then(|| before.len() - 1)
    })
}

/// A range reference (`A1:B2`, or one cell) as calamine reads it: ((row, col), (row, col)),
/// 0-based; `None` where calamine fails.
fn dimension(text: &str) -> Option<Merge> {
    let parts: Vec<(u32, u32)> = text.split(':').map(cell).collect::<Option<_>>()?;
    match parts[..] {
        [one] => Some((one, one)),
        [start, end] => Some((start, end)),
        _ => None,
    }
}

/// One cell reference: letters then digits, base 26 and 10 with the wrapping arithmetic of
/// calamine's release build.
fn cell(text: &str) -> Option<(u32, u32)> {
    let bytes = text.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = bytes.split_at(letters);
    if row.is_empty() || !row.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let col = col.iter().fold(0u32, |n, b| {
        n.wrapping_mul(26)
            .wrapping_add(u32::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = row.iter().fold(0u32, |n, b| {
        n.wrapping_mul(10).wrapping_add(u32::from(b - b'0'))
    });
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_after_the_cells() {
        let xml = br#"<worksheet><sheetData><row><c r="A1" t="inlineStr"><is><t>mergeCells &lt;mergeCells&gt;</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3"></mergeCell></mergeCells></worksheet>"#;
        assert_eq!(merges(xml), [((0, 0), (0, 2)), ((2, 1), (2, 1))]);
        let prefixed =
            br#"<x:sheetData/><x:mergeCells><x:mergeCell ref="AA10:AB12"/></x:mergeCells>"#;
        assert_eq!(merges(prefixed), [((9, 26), (11, 27))]);
        assert_eq!(merges(b"<sheetData/>"), []);
        // A bad reference or an element never closed: calamine gives no ranges for the sheet.
        assert_eq!(
            merges(br#"<mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="1A"/></mergeCells>"#),
            []
        );
        assert_eq!(merges(br#"<mergeCells><mergeCell ref="A1:B2"/>"#), []);
    }

    #[test]
    fn every_fixture_workbook_gives_calamines_ranges() {
        use calamine::Reader as _;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut files: Vec<_> = ["xlsx", "spreadsheets", "libreoffice", "inconsistent"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).into_iter().flatten())
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
            .collect();
        files.sort();
        assert!(files.len() >= 20, "{} workbooks", files.len());
        let mut ranges = 0;
        for file in files {
            let bytes = std::fs::read(&file).expect("read");
            let limits = Limits::default();
            let mut package = xxgk_ooxml::open(&bytes, crate::FORMAT, &limits).expect("a zip");
            let parts = sheet_parts(&mut package, &limits)
                .expect("limits")
                .unwrap_or_else(|| panic!("{}: laid out otherwise", file.display()));
            let ours = by_sheet(&mut package, &parts, &limits)
                .expect("limits")
                .unwrap_or_else(|| panic!("{}: a part missing", file.display()));
            let mut book =
                calamine::Xlsx::new(std::io::Cursor::new(&bytes[..])).expect("calamine opens it");
            for name in book.sheet_names() {
                let theirs: Vec<Merge> = book
                    .merge_cells_by_sheet_name(&name)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| (d.start, d.end))
                    .collect();
                assert_eq!(ours.get(&name), Some(&theirs), "{} {name}", file.display());
                ranges += theirs.len();
            }
        }
        assert!(ranges > 100, "{ranges} ranges");
    }
}
