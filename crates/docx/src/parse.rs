//! Stage 1: `word/document.xml` -> DOCX-shaped intermediate, streaming with quick-xml.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::BufRead;
use xxgk_model::{Limits, Msg, ReadError};

/// `w:vMerge` state of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VMerge {
    None,
    Restart,
    Continue,
}

/// A cell as Word stores it: its paragraphs, and the tables nested in it, in order.
#[derive(Debug, Clone)]
pub(crate) struct RawCell {
    pub content: Vec<RawBlock>,
    pub grid_span: u32,
    pub v_merge: VMerge,
}

/// A body block as Word stores it.
#[derive(Debug, Clone)]
pub(crate) enum RawBlock {
    Paragraph(String),
    Table(Vec<Vec<RawCell>>),
    Image,
}

fn new_cell() -> RawCell {
    RawCell {
        content: Vec::new(),
        grid_span: 1,
        v_merge: VMerge::None,
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// Elements whose whole content is skipped: deleted text, moved-from text, field
/// instructions, the fallback copy of alternate content, properties that hold no text, and a
/// cell's properties before a tracked change (its merges then are not the cell's now).
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "w:del"
            | "w:moveFrom"
            | "w:instrText"
            | "w:delText"
            | "mc:Fallback"
            | "w:rPr"
            | "w:pPr"
            | "w:tcPrChange"
    )
}

struct State {
    blocks: Vec<RawBlock>,
    /// Open paragraphs (text boxes nest paragraphs inside paragraphs).
    paragraphs: Vec<String>,
    paragraph_has_picture: bool,
    /// Open tables, outermost first: rows of cells, and each table's open cell. A table closed
    /// inside a cell becomes part of that cell's content (nested tables at any depth, bounded
    /// by the XML depth limit).
    tables: Vec<Vec<Vec<RawCell>>>,
    cells: Vec<Option<RawCell>>,
    in_text: bool,
}

impl State {
    /// The innermost open cell.
    fn cell(&mut self) -> Option<&mut RawCell> {
        self.cells.last_mut().and_then(Option::as_mut)
    }
}

impl State {
    fn push_text(&mut self, s: &str) {
        if self.in_text {
            if let Some(p) = self.paragraphs.last_mut() {
                p.push_str(s);
            }
        }
    }
    fn push_char(&mut self, c: char) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.push(c);
        }
    }
}

/// Parses the document body.
pub(crate) fn parse(xml: &str, limits: &Limits) -> Result<Vec<RawBlock>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut st = State {
        blocks: Vec::new(),
        paragraphs: Vec::new(),
        paragraph_has_picture: false,
        tables: Vec::new(),
        cells: Vec::new(),
        in_text: false,
    };
    let mut depth = 0usize;
    let mut cells = 0usize;
    let mut skip_from: Option<usize> = None;
    // Skipped elements that begin before this byte are walked event by event.
    let mut walk_from = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| ReadError::Corrupt {
            format: crate::FORMAT,
            detail: Msg::quoting(
                &format!(
                    "word/document.xml 第 {} 字节处 XML 有误",
                    reader.buffer_position()
                ),
                &format!("word/document.xml at byte {}", reader.buffer_position()),
                e,
            ),
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                check_depth(depth, limits)?;
                if skip_from.is_some() {
                    continue;
                }
                let name = e.name();
                let name = name.as_ref();
                if skipped(name) {
                    // Straight to its end tag, which the reader then reads as usual: run and
                    // paragraph properties are a third to three quarters of a document's bytes.
                    // What a scan passed over is never scanned again: the elements before
                    // the comment it stopped at are walked, and all after one found unclosed.
                    let here = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                    if here >= walk_from {
                        match closing_tag(reader.get_ref(), name.as_bytes()) {
                            Closing::At(at) => reader.stream().consume(at),
                            Closing::Walk(at) => walk_from = here.saturating_add(at),
                            Closing::Unclosed => walk_from = usize::MAX,
                        }
                    }
                    skip_from = Some(depth);
                    continue;
                }
                if name == "w:tc" {
                    cells += 1;
                    limits.check_cells(
                        cells,
                        (
                            "word/document.xml 的表格单元格",
                            "table cells in word/document.xml",
                        ),
                    )?;
                }
                start(&mut st, name, &e);
            }
            Event::Empty(e) => {
                if skip_from.is_some() {
                    continue;
                }
                let name = e.name();
                let name = name.as_ref();
                if skipped(name) {
                    continue;
                }
                empty(&mut st, name, &e);
            }
            Event::End(e) => {
                if let Some(d) = skip_from {
                    if d == depth {
                        skip_from = None;
                    }
                    depth = depth.saturating_sub(1);
                    continue;
                }
                depth = depth.saturating_sub(1);
                let name = e.name();
                end(&mut st, name.as_ref());
            }
            Event::Text(t) if skip_from.is_none() && st.in_text => {
                st.push_text(&t.xml10_content());
            }
            Event::CData(t) if skip_from.is_none() && st.in_text => {
                st.push_text(&t);
            }
            Event::GeneralRef(r) if skip_from.is_none() && st.in_text => {
                if let Some(c) = xxgk_ooxml::xml::reference(&r) {
                    st.push_char(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !st.tables.is_empty() || !st.paragraphs.is_empty() || depth != 0 {
        return Err(ReadError::Corrupt {
            format: crate::FORMAT,
            detail: Msg::new(
                "word/document.xml 在未闭合的元素中结束（文件被截断？）",
                "word/document.xml ends inside an open element (truncated?)",
            ),
        });
    }
    Ok(st.blocks)
}

/// Where a skipped element's end tag is, by [`closing_tag`].
#[derive(Debug, PartialEq, Eq)]
enum Closing {
    /// It begins this many bytes on.
    At(usize),
    /// A comment, CDATA section or processing instruction comes first, this many bytes on: the
    /// XML reader walks the element event by event.
    Walk(usize),
    /// The input ends first (the document is broken; the reader says where).
    Unclosed,
}

/// Where the end tag of an element whose start tag was just read begins in `rest` (the input
/// after that start tag), the same element opened again inside it counted; a start tag of that
/// name ends where the XML reader ends it (a quoted attribute value may hold `>` or `/>`). What
/// lies inside is not checked: it holds no text. A `<` is taken to begin a tag, as XML has it
/// (never inside a value): a malformed document that has one there, which the XML reader lets
/// pass, may have its skipped element end elsewhere. Iterative, without allocation: any depth
/// of nesting costs one pass over the element.
fn closing_tag(rest: &[u8], name: &[u8]) -> Closing {
    let mut open = 0usize;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &rest[at..]) {
        let tag = at + i;
        at = tag + 1;
        let (closing, body) = match rest.get(tag + 1) {
            Some(b'/') => (true, &rest[tag + 2..]),
            Some(b'!' | b'?') => return Closing::Walk(tag),
            Some(_) => (false, &rest[tag + 1..]),
            None => break,
        };
        let named = body.starts_with(name)
            && matches!(
                body.get(name.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
            );
        if !named {
            continue; // `<` is never inside a value: the next one begins a tag
        }
        if closing {
            if open == 0 {
                return Closing::At(tag);
            }
            open -= 1;
        } else {
            let Some(end) = tag_end(rest, tag + 1) else {
                break;
            };
            if rest[end - 1] != b'/' {
                open += 1;
            }
            at = end + 1;
        }
    }
    Closing::Unclosed
}

/// The `>` that ends a tag whose name begins at `from`: the first one outside quotes.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + memchr::memchr3(b'>', b'"', b'\'', &bytes[at..])?;
        match bytes[i] {
            b'>' => return Some(i),
            quote => at = i + 1 + memchr::memchr(quote, &bytes[i + 1..])? + 1,
        }
    }
}

/// XML nested deeper than the limit is refused (a hostile file's stack and memory).
fn check_depth(depth: usize, limits: &Limits) -> Result<(), ReadError> {
    if depth > limits.max_depth {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                "word/document.xml 的 XML 嵌套深度",
                "XML nesting depth of word/document.xml",
            ),
            limit: limits.max_depth as u64,
        });
    }
    Ok(())
}

fn start(st: &mut State, name: &str, e: &BytesStart<'_>) {
    match name {
        "w:p" => {
            if st.paragraphs.is_empty() {
                st.paragraph_has_picture = false;
            }
            st.paragraphs.push(String::new());
        }
        "w:t" => st.in_text = true,
        "w:tbl" => {
            st.tables.push(Vec::new());
            st.cells.push(None);
        }
        "w:tr" => {
            if let Some(t) = st.tables.last_mut() {
                t.push(Vec::new());
            }
        }
        "w:tc" => {
            if let Some(open) = st.cells.last_mut() {
                *open = Some(new_cell());
            }
        }
        "w:drawing" | "w:pict" => st.paragraph_has_picture = true,
        _ => empty(st, name, e),
    }
}

fn empty(st: &mut State, name: &str, e: &BytesStart<'_>) {
    match name {
        "w:tab" => st.push_char('\t'),
        "w:br" | "w:cr" => st.push_char('\n'),
        "w:sym" => {
            let c = attr(e, "w:char")
                .and_then(|h| u32::from_str_radix(&h, 16).ok())
                .and_then(char::from_u32);
            if let Some(c) = c {
                st.push_char(c);
            }
        }
        "w:gridSpan" => {
            let v = attr(e, "w:val");
            if let (Some(cell), Some(v)) = (st.cell(), v) {
                cell.grid_span = v.parse::<u32>().unwrap_or(1).clamp(1, 1000);
            }
        }
        "w:vMerge" => {
            let restart = attr(e, "w:val");
            if let Some(cell) = st.cell() {
                cell.v_merge = match restart.as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
            }
        }
        "w:drawing" | "w:pict" => st.paragraph_has_picture = true,
        _ => {}
    }
}

fn end(st: &mut State, name: &str) {
    match name {
        "w:t" => st.in_text = false,
        "w:p" => {
            let Some(text) = st.paragraphs.pop() else {
                return;
            };
            if let Some(parent) = st.paragraphs.last_mut() {
                // A text box inside a paragraph: its text joins the paragraph.
                if !text.is_empty() {
                    parent.push('\n');
                    parent.push_str(&text);
                }
            } else {
                let block = if st.paragraph_has_picture && text.trim().is_empty() {
                    RawBlock::Image
                } else {
                    RawBlock::Paragraph(text)
                };
                if st.tables.is_empty() {
                    st.blocks.push(block);
                } else if let Some(cell) = st.cell() {
                    cell.content.push(block);
                }
            }
        }
        "w:tc" => {
            let cell = st.cells.last_mut().and_then(Option::take);
            if let (Some(cell), Some(row)) = (cell, st.tables.last_mut().and_then(|t| t.last_mut()))
            {
                row.push(cell);
            }
        }
        "w:tbl" => {
            st.cells.pop();
            if let Some(t) = st.tables.pop() {
                if st.tables.is_empty() {
                    st.blocks.push(RawBlock::Table(t));
                } else if let Some(cell) = st.cell() {
                    cell.content.push(RawBlock::Table(t));
                } // else a table between cells: not part of any cell
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{closing_tag, Closing};

    fn at(rest: &[u8]) -> Closing {
        closing_tag(rest, b"w:rPr")
    }

    #[test]
    fn the_end_tag_is_found_past_nested_elements_of_the_same_name() {
        let rest = br#"<w:b/><w:rPrChange><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>"#;
        let end = rest.windows(8).rposition(|w| w == b"</w:rPr>");
        assert_eq!(Some(at(rest)), end.map(Closing::At));
        // Self-closing ones open nothing; longer names are other elements.
        assert_eq!(
            at(br#"<w:rPr/><w:rPrX></w:rPrX></w:rPr >"#),
            Closing::At(25)
        );
    }

    #[test]
    fn quoted_values_do_not_end_a_tag() {
        // Looks self-closing, is not: its end tag comes after.
        let rest = br#"<w:rPrChange><w:rPr w:x="/>"><w:i/></w:rPr></w:rPrChange></w:rPr>"#;
        assert_eq!(at(rest), Closing::At(rest.len() - 8));
        // Looks open, is self-closing.
        let rest = br#"<w:rPr w:x='>'/></w:rPr><w:t>"#;
        assert_eq!(at(rest), Closing::At(16));
        assert_eq!(at(br#"<w:b w:x=">"#), Closing::Unclosed);
    }

    #[test]
    fn comments_and_truncation_are_left_to_the_reader() {
        assert_eq!(at(b"<!-- </w:rPr> --></w:rPr>"), Closing::Walk(0));
        assert_eq!(at(b"<w:b/><?pi?></w:rPr>"), Closing::Walk(6));
        assert_eq!(at(b"<w:b/><w:rPr><w:i/></w:rPr>"), Closing::Unclosed);
        assert_eq!(at(b"<w:b"), Closing::Unclosed);
        assert_eq!(at(b"<"), Closing::Unclosed);
        assert_eq!(at(b""), Closing::Unclosed);
    }
}
