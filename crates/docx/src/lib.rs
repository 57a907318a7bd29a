//! DOCX adapter: WordprocessingML read with quick-xml as a stream (no DOM of the whole file).
//!
//! Two stages, as in pandoc: [`parse`] reads `word/document.xml` into a DOCX-shaped
//! intermediate (paragraphs and tables whose cells keep `gridSpan` / `vMerge`), and [`lower`]
//! turns that into the format-neutral `Document` (vertical merges become row spans).
//!
//! Coverage:
//! - [X] body paragraphs and tables in order; runs joined; `w:tab`, `w:br`, `w:cr`, `w:sym`
//! - [X] content controls (`w:sdt`), hyperlinks, simple and complex fields (result, not
//!   `w:instrText`)
//! - [X] tracked changes: `w:ins`/`w:moveTo` read, `w:del`/`w:delText`/`w:moveFrom` skipped
//! - [X] `mc:AlternateContent`: `mc:Choice` read, `mc:Fallback` skipped (content read once)
//! - [X] text boxes (their paragraphs join the enclosing paragraph)
//! - [X] merged cells: `w:gridSpan`, `w:vMerge` restart/continue -> spans
//! - [X] nested tables at any depth: kept as blocks of their cell (`Cell::blocks`), so the
//!   container rule (`Table::is_container`) can read a page layout table as blocks
//! - [X] pictures in body paragraphs -> `Block::Image`
//! - [X] limits: file size, entries, entry size, compression ratio, XML nesting depth
//! - [X] distinct errors: not a zip, zip without `word/document.xml`, encrypted, legacy .doc,
//!   truncated/corrupt
//! - [ ] automatic numbering text from numbering.xml (not needed: labels are matched without it)
//! - [ ] headers, footers, footnotes, comments (not part of the report body)

mod lower;
mod parse;

use xxgk_model::{Adapter, Document, Limits, Msg, ReadError, Sniff};

const FORMAT: &str = "DOCX";

/// The DOCX adapter.
#[derive(Debug, Default, Clone, Copy)]
pub struct DocxAdapter;

impl Adapter for DocxAdapter {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["docx", "docm", "dotx", "wps"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        xxgk_ooxml::sniff_package(bytes, xxgk_ooxml::has_entry(bytes, "word/document.xml"))
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        let mut package = xxgk_ooxml::open(bytes, FORMAT, limits)?;
        let xml = xxgk_ooxml::read_entry(&mut package, "word/document.xml", FORMAT, limits)?
            .ok_or_else(|| ReadError::NotThisFormat {
                format: FORMAT,
                detail: Msg::new(
                    "没有 word/document.xml 的 zip 包",
                    "a zip package without word/document.xml",
                ),
            })?;
        let text = std::str::from_utf8(&xml).map_err(|e| ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::quoting(
                "word/document.xml 不是 UTF-8 编码",
                "word/document.xml is not UTF-8",
                e,
            ),
        })?;
        let body = parse::parse(text, limits)?;
        Ok(lower::lower(body))
    }
}
