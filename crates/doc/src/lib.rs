//! Word 97–2003 binary adapter (`.doc`, and `.wps`/`.dot` files in that format): the
//! `WordDocument` stream of an OLE compound file -> `Document`, as antiword reads it.
//!
//! 1. The FIB says which table stream holds the piece table (`0Table`/`1Table`), how long the
//!    main text is (`ccpText`: headers, footnotes and text boxes come after it and are not
//!    body text), and whether the file is encrypted.
//! 2. The piece table (CLX) maps the text to its bytes: cp1252 (compressed) or UTF-16 pieces.
//! 3. Paragraph properties (PAPX in FKP pages) tell a cell end from a row end: both are 0x07,
//!    the row end carries sprmPFTtp.
//! 4. Fields keep their result and drop their instruction (0x13 instruction 0x14 result 0x15).
//!
//! Coverage:
//! - [X] paragraphs, tables (cells and rows from the paragraph properties), fields, line
//!   breaks, tabs; pictures -> `Block::Image`
//! - [X] encrypted files refused as encrypted; Word 6/95 and other OLE files named in the error
//! - [X] limits: every chain and table bounded by the file's size, text by `max_text_bytes`
//! - [ ] merged cells (TAP merge flags): a vertically merged cell reads as an empty cell
//! - [ ] tracked deletions (sprmCFRMarkDel in the character properties) are read as text
//!
//! **Architecture invariant:** knows the Word binary format, nothing about annual reports.

mod text;

use xxgk_model::{Adapter, Document, Limits, Msg, ReadError, Sniff};
use xxgk_ooxml::ole::{Ole, MAGIC};

const FORMAT: &str = "DOC";

/// The Word 97–2003 adapter.
#[derive(Debug, Default, Clone, Copy)]
pub struct DocAdapter;

impl Adapter for DocAdapter {
    fn name(&self) -> &'static str {
        "doc"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["doc", "dot", "wps"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        if !bytes.starts_with(MAGIC) {
            return Sniff::No;
        }
        match Ole::open(bytes, FORMAT) {
            Ok(ole) if ole.has_stream("WordDocument") => Sniff::Yes,
            _ => Sniff::No,
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        let ole = Ole::open(bytes, FORMAT)?;
        let word = ole
            .stream("WordDocument")?
            .ok_or_else(|| ReadError::NotThisFormat {
                format: FORMAT,
                detail: Msg::new(
                    "没有 WordDocument 流的 OLE 文件",
                    "an OLE file without a WordDocument stream",
                ),
            })?;
        let fib = text::Fib::read(&word)?;
        let table_name = if fib.table_1 { "1Table" } else { "0Table" };
        let table = ole.stream(table_name)?.ok_or_else(|| ReadError::Corrupt {
            format: FORMAT,
            detail: Msg::new(
                format!("缺少 FIB 指定的 {table_name} 流"),
                format!("the {table_name} stream named by the FIB is missing"),
            ),
        })?;
        let data = ole.stream("Data")?.unwrap_or_default();
        text::read(&word, &table, &data, &fib, limits)
    }
}
