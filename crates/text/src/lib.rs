//! Raw-text adapter: text copied from a web page -> `Document`.
//!
//! Coverage (pandoc-style checklist):
//! - [X] encodings: UTF-8 with/without BOM, UTF-16 LE/BE with BOM (and without, by NUL pattern),
//!   GB18030/GBK detected with chardetng (never assumed)
//! - [X] tab-separated rows, one row per line (seeds 000, 001, 004)
//! - [X] one cell per line (`\t` + cell), rows separated by blank lines, broken labels
//!   continued on the next line (seeds 002, 003)
//! - [X] pipes as evidence: `| a | b |`, `a | b |`, `a | b`; one cell per line closed by ` |`
//!   (or a tab) or separated by lines of one pipe (or tab); `|||` merge padding; full-width and
//!   box-drawing bars
//! - [X] a label and its values separated by single spaces (PDF text extractors)
//! - [X] pandoc grid tables (a cell holding a report is read again as text), and the HTML
//!   table rows that pandoc's gfm leaves in the text
//! - [X] noise: `[bookmark: _Hlk…]` markers, `---` separator rows, markdown escapes, page
//!   numbers and running heads at page breaks, pinyin after characters on mirror pages
//! - [ ] a whole HTML page (use the HTML adapter)
//!
//! **Architecture invariant:** knows text layouts, nothing about annual reports.

mod layout;

pub use xxgk_charset::{decode, Decoded};

use xxgk_model::{Adapter, Document, Limits, ReadError, Sniff};

/// The raw-text adapter.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextAdapter;

impl Adapter for TextAdapter {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text", "md"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        let start = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF))
            .map_or(&bytes[..0], |i| &bytes[i..]);
        // Structured data (JSON, XML) is not a report's text.
        if xxgk_charset::looks_binary(bytes)
            || start.starts_with(b"{")
            || start.starts_with(b"<?xml")
        {
            Sniff::No
        } else {
            Sniff::Maybe
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        limits.check_text(bytes.len(), ("文本文件", "text file"))?;
        // Cells are cut at tabs, pipes, wide gaps (a run of spaces counts once), single
        // spaces beside a digit, and HTML cell tags: count those before building any.
        let separators = bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .enumerate()
            .filter(|&(i, (&a, &b))| {
                let run_start = i == 0 || bytes[i - 1] != b' ';
                a == b'\t'
                    || a == b'|'
                    || (a == b'<' && b == b't')
                    || (a == b' ' && run_start && (b == b' ' || b.is_ascii_digit()))
            })
            .count();
        limits.check_cells(
            separators,
            ("文本文件的表格单元格", "table cells in the text file"),
        )?;
        let decoded = decode(bytes)?;
        let mut doc = layout::read_lines(&decoded.text);
        if decoded.had_errors {
            doc.diagnostics.push(xxgk_model::Diagnostic {
                message: xxgk_model::Msg::new(
                    format!(
                        "部分字节不是有效的 {} 编码，已替换为 U+FFFD",
                        decoded.encoding
                    ),
                    format!(
                        "some bytes are not valid {}; they were replaced with U+FFFD",
                        decoded.encoding
                    ),
                ),
                source: None,
            });
        }
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_200_mb_text_file_is_refused_by_the_text_limit() {
        let big = vec![b'x'; 200 << 20];
        let e = TextAdapter.read(&big, &Limits::default()).err();
        assert_eq!(e.as_ref().map(ReadError::kind), Some("limit_exceeded"));
        assert!(e.is_some_and(|e| e.to_string().contains("text file of 209715200 bytes")));
    }
}
