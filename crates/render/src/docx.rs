//! The DOCX writer: a minimal, valid WordprocessingML package (content types, package
//! relationship, `word/document.xml`) with the title, the six sections and the three tables
//! as real Word tables — merges as `w:gridSpan` and `w:vMerge`, borders on every cell.

use crate::{Content, RenderError};
use std::fmt::Write as _;
use std::io::Write as _;
use xxgk_model::layout::{official_tables, LayoutKind, LayoutTable};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// Text usable in XML content and attributes.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One paragraph; `size` in half-points, `bold`, centred or not. A bold paragraph that is not
/// centred is a heading: it stays on the page of what follows it.
fn paragraph(out: &mut String, text: &str, size: u32, bold: bool, center: bool) {
    out.push_str("<w:p>");
    if center {
        out.push_str("<w:pPr><w:jc w:val=\"center\"/></w:pPr>");
    } else if bold {
        out.push_str("<w:pPr><w:keepNext/></w:pPr>");
    }
    let _ = write!(
        out,
        "<w:r><w:rPr>{}<w:sz w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        if bold { "<w:b/>" } else { "" },
        xml(text)
    );
}

/// Column widths in twips (the page's text width is about 9,600).
fn widths(t: &LayoutTable) -> Vec<u32> {
    match t.columns {
        10 => [1100, 1300, 2400].into_iter().chain([680; 7]).collect(),
        4 => vec![2400; 4],
        n => vec![9600 / n as u32; n],
    }
}

fn table(out: &mut String, t: &LayoutTable, content: &Content) {
    out.push_str(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
    );
    let widths = widths(t);
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    // Which cell covers each grid position.
    let mut cover = vec![vec![None; t.columns]; t.rows];
    for (i, c) in t.cells.iter().enumerate() {
        for row in cover.iter_mut().skip(c.row).take(c.row_span) {
            for slot in row.iter_mut().skip(c.col).take(c.col_span) {
                *slot = Some(i);
            }
        }
    }
    // The header rows (every cell a header) repeat at the top of each page the table runs
    // onto (table 三 is longer than a page); no row is split across pages.
    let header_rows = cover
        .iter()
        .take_while(|row| {
            row.iter()
                .flatten()
                .all(|&i| matches!(t.cells[i].kind, LayoutKind::Header(_)))
        })
        .count();
    for (r, row) in cover.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for (col, slot) in row.iter().enumerate() {
            let Some(i) = *slot else { continue };
            let c = &t.cells[i];
            if c.col != col {
                continue; // covered by a horizontal merge
            }
            let width: u32 = widths[c.col..c.col + c.col_span].iter().sum();
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
            if c.col_span > 1 {
                let _ = write!(out, "<w:gridSpan w:val=\"{}\"/>", c.col_span);
            }
            let first = c.row == r;
            if c.row_span > 1 {
                out.push_str(if first {
                    "<w:vMerge w:val=\"restart\"/>"
                } else {
                    "<w:vMerge/>"
                });
            }
            out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            let text = if first {
                match c.kind {
                    LayoutKind::Header(s) | LayoutKind::Label(s) => s.to_string(),
                    LayoutKind::Value(v) => content.cell(v).text(),
                }
            } else {
                String::new()
            };
            let center = !matches!(c.kind, LayoutKind::Label(_));
            if text.is_empty() {
                out.push_str("<w:p/>");
            } else {
                paragraph(out, &text, 18, false, center);
            }
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// The `word/document.xml` of `content`.
fn document(content: &Content) -> String {
    let mut out = String::with_capacity(96 * 1024);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    paragraph(&mut out, &content.title, 36, true, true);
    let tables = official_tables();
    for (i, (heading, paragraphs)) in content.sections.iter().enumerate() {
        paragraph(&mut out, heading, 28, true, false);
        for p in paragraphs {
            paragraph(&mut out, p, 24, false, false);
        }
        for t in tables.iter().filter(|t| t.section == i) {
            table(&mut out, t, content);
            out.push_str("<w:p/>");
        }
    }
    out.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" \
         w:right=\"1134\" w:bottom=\"1440\" w:left=\"1134\" w:header=\"851\" w:footer=\"992\" \
         w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
    );
    out
}

pub(crate) fn write(content: &Content) -> Result<Vec<u8>, RenderError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let err = |e: &dyn std::fmt::Display| RenderError::Zip(e.to_string());
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", document(content)),
    ] {
        zip.start_file(name, opts).map_err(|e| err(&e))?;
        zip.write_all(body.as_bytes()).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}
