//! HTML adapter: pages saved from government portals -> `Document`.
//!
//! Coverage:
//! - [X] encoding from BOM, `<meta charset>`, `<meta http-equiv="Content-Type">`, else detection
//!   (GBK/GB2312 decoded as GB18030)
//! - [X] `<table>` with `rowspan`/`colspan` placed on a grid (cells keep their grid column);
//!   a cell holding tables, headings, lists, images or forms keeps them as blocks, so the
//!   model's one container rule (`Table::is_container`) reads page layout tables as pages
//! - [X] `<p>`/`<br>`/`&nbsp;` inside cells; tables split in two read as two tables in order
//! - [X] portal noise: `script`, `style`, `head`, `noscript`, `iframe`, `template` dropped;
//!   navigation text stays prose (the normalizer anchors on the report's title and headings)
//! - [X] images in the body -> `Block::Image` (tables published as pictures)
//! - [X] `SourceRef`: table index, row, cell; paragraph position for prose
//! - [X] nesting deeper than `Limits::max_depth` is not descended (an X1 note)

mod decode;

use ego_tree::NodeRef;
use scraper::{Html, Node};
use xxgk_model::{
    Adapter, Block, Cell, Diagnostic, Document, Limits, Msg, Paragraph, ReadError, Sniff,
    SourceRef, Table,
};

/// The HTML adapter.
#[derive(Debug, Default, Clone, Copy)]
pub struct HtmlAdapter;

impl Adapter for HtmlAdapter {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "shtml", "xhtml"]
    }

    fn sniff(&self, bytes: &[u8]) -> Sniff {
        // Containers (zip, OLE, PDF) are never a page; this runs for every file.
        if [&b"PK"[..], b"\xD0\xCF\x11\xE0", b"%PDF"]
            .iter()
            .any(|m| bytes.starts_with(m))
        {
            return Sniff::No;
        }
        let head: String = bytes
            .iter()
            .take(2048)
            .filter(|b| b.is_ascii() && **b != 0)
            .map(|&b| (b as char).to_ascii_lowercase())
            .collect();
        let markers = [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<table",
            "<meta ",
        ];
        if markers.iter().any(|m| head.contains(m)) {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
        limits.check_text(bytes.len(), ("HTML 文件", "HTML file"))?;
        let text = decode::decode(bytes)?;
        // The HTML parser checks scopes against its stack of open elements at every tag, so
        // its time grows with the square of the nesting (200,000 nested <div>s: minutes).
        let cap = limits.max_depth.saturating_mul(4);
        if let Some(depth) = nesting_over(&text, cap) {
            return Err(ReadError::LimitExceeded {
                what: Msg::new(
                    format!("HTML 元素嵌套 {depth} 层"),
                    format!("HTML elements nested {depth} deep"),
                ),
                limit: cap as u64,
            });
        }
        // Every cell costs a DOM node and a Document cell: count them before parsing.
        let cells = text.match_indices('<').filter(|(i, _)| {
            let tag = text
                .as_bytes()
                .get(i + 1..i + 3)
                .map(|t| t.to_ascii_lowercase());
            matches!(tag.as_deref(), Some(b"td" | b"th"))
        });
        limits.check_cells(
            cells.count(),
            ("HTML 文件的表格单元格", "table cells in the HTML file"),
        )?;
        let html = Html::parse_document(&text);
        let mut w = Walker {
            doc: Document::default(),
            outer: None,
            paragraph: String::new(),
            paragraphs: 0,
            tables: 0,
            max_depth: limits.max_depth,
            too_deep: false,
        };
        w.walk(html.tree.root(), 0);
        w.flush();
        if w.too_deep {
            w.doc.diagnostics.push(Diagnostic {
                message: Msg::new(
                    format!("嵌套超过 {} 层的元素未读取", limits.max_depth),
                    format!(
                        "elements nested deeper than {} were not read",
                        limits.max_depth
                    ),
                ),
                source: None,
            });
        }
        Ok(w.doc)
    }
}

const SKIPPED: [&str; 8] = [
    "head", "script", "style", "noscript", "iframe", "template", "svg", "object",
];
const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "form",
    "center",
];

struct Walker {
    doc: Document,
    /// The cell being walked as blocks, if any: the outer place of nested tables.
    outer: Option<SourceRef>,
    paragraph: String,
    paragraphs: u32,
    tables: u32,
    max_depth: usize,
    too_deep: bool,
}

fn element_name(node: NodeRef<'_, Node>) -> Option<&str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// Elements that make a cell more than text (a page's layout table holding headings, lists,
/// images or tables): such a cell keeps its content as blocks, and the model's container rule
/// (`Table::is_container`) reads the table as a page, not as data.
const STRUCTURE: [&str; 11] = [
    "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "img", "form",
];

fn has_structure(td: NodeRef<'_, Node>) -> bool {
    td.descendants()
        .skip(1)
        .any(|d| element_name(d).is_some_and(|n| STRUCTURE.contains(&n)))
}

/// A table's own rows, not those of tables nested in its cells.
fn own_rows(table: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut rows = Vec::new();
    for child in table.children() {
        match element_name(child) {
            Some("tr") => rows.push(child),
            Some("thead" | "tbody" | "tfoot") => {
                rows.extend(child.children().filter(|c| element_name(*c) == Some("tr")))
            }
            _ => {}
        }
    }
    rows
}

impl Walker {
    fn flush(&mut self) {
        let text = collapse(&self.paragraph);
        self.paragraph.clear();
        if !text.is_empty() {
            self.paragraphs += 1;
            self.doc.blocks.push(Block::Paragraph(Paragraph {
                text,
                source: SourceRef::Paragraph {
                    paragraph: self.paragraphs,
                },
            }));
        }
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        if depth > self.max_depth {
            self.too_deep = true;
            return;
        }
        match node.value() {
            Node::Text(t) => self.paragraph.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) {
                    return;
                }
                match name {
                    "br" => self.paragraph.push('\n'),
                    "img" => {
                        self.flush();
                        self.paragraphs += 1;
                        self.doc.blocks.push(Block::Image {
                            source: SourceRef::Paragraph {
                                paragraph: self.paragraphs,
                            },
                            alt: e.attr("alt").or(e.attr("src")).unwrap_or("").to_string(),
                        });
                    }
                    "table" => {
                        self.flush();
                        self.table(node, depth);
                    }
                    _ => {
                        let block =
                            BLOCKS.contains(&name) || matches!(name, "table" | "tr" | "td" | "th");
                        if block {
                            self.flush();
                        }
                        for child in node.children() {
                            self.walk(child, depth + 1);
                        }
                        if block {
                            self.flush();
                        }
                    }
                }
            }
            _ => {
                for child in node.children() {
                    self.walk(child, depth + 1);
                }
            }
        }
    }

    /// A table: rows and cells placed on a grid by rowspan/colspan. A cell holding structure
    /// keeps its content as blocks (nested tables numbered after this one, in document order).
    fn table(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        self.tables += 1;
        let t = self.tables;
        let outer = self.outer.clone();
        let place = |row: u32, col: u32| {
            let cell = SourceRef::TableCell { table: t, row, col };
            match &outer {
                Some(o) => SourceRef::Nested {
                    outer: Box::new(o.clone()),
                    inner: Box::new(cell),
                },
                None => cell,
            }
        };
        let rows = own_rows(node);
        // busy_until[col] = the first row a rowspan from above leaves free in that column
        // (linear in the cells and their spans; grid columns past MAX_COLUMNS are not tracked).
        let mut busy_until: Vec<u32> = Vec::new();
        let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
        for (r, tr) in rows.iter().enumerate() {
            let r32 = r as u32;
            let mut cells = Vec::new();
            let mut col = 0u32;
            let tds = tr
                .children()
                .filter(|c| matches!(element_name(*c), Some("td" | "th")));
            for (c, td) in tds.enumerate() {
                while busy_until
                    .get(col as usize)
                    .is_some_and(|&until| until > r32)
                {
                    col += 1;
                }
                let (row_span, col_span) = match td.value() {
                    Node::Element(e) => (span(e.attr("rowspan")), span(e.attr("colspan"))),
                    _ => (1, 1),
                };
                let source = place(r as u32 + 1, c as u32 + 1);
                let mut cell = if has_structure(td) {
                    let mut cell = Cell::new(String::new(), col, source.clone());
                    cell.blocks = self.blocks_of(td, depth + 1, source);
                    cell
                } else {
                    Cell::new(cell_text(td), col, source)
                };
                cell.row_span = row_span;
                cell.col_span = col_span;
                let end = (col.saturating_add(col_span) as usize).min(MAX_COLUMNS);
                if busy_until.len() < end {
                    busy_until.resize(end, 0);
                }
                for until in busy_until.iter_mut().take(end).skip(col as usize) {
                    *until = r32.saturating_add(row_span);
                }
                col = col.saturating_add(col_span);
                cells.push(cell);
            }
            out.push(cells);
        }
        self.doc.blocks.push(Block::Table(Table {
            rows: out,
            source: place(1, 1),
        }));
    }

    /// What a cell holds, as blocks: its paragraphs and images are placed at the cell.
    fn blocks_of(&mut self, td: NodeRef<'_, Node>, depth: usize, at: SourceRef) -> Vec<Block> {
        let saved_blocks = std::mem::take(&mut self.doc.blocks);
        let saved_paragraph = std::mem::take(&mut self.paragraph);
        let saved_outer = self.outer.replace(at.clone());
        for child in td.children() {
            self.walk(child, depth);
        }
        self.flush();
        let mut blocks = std::mem::replace(&mut self.doc.blocks, saved_blocks);
        self.paragraph = saved_paragraph;
        self.outer = saved_outer;
        for b in &mut blocks {
            match b {
                Block::Paragraph(p) => p.source = at.clone(),
                Block::Image { source, .. } => *source = at.clone(),
                Block::Table(_) => {}
            }
        }
        blocks
    }
}

/// Grid columns whose rowspans are tracked (Excel's width; a report table has 9).
const MAX_COLUMNS: usize = 16_384;

/// Elements that never hold others, that the next sibling closes, or (formatting elements:
/// sloppy pages leave thousands of `<font>` open) that the parser closes at block ends: they
/// are not counted as nesting.
const FLAT: [&str; 38] = [
    "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "embed", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "a", "b",
    "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The nesting depth of the markup, when it goes past `cap`: one linear pass over the tags
/// (comments, and script and style content, skipped), before the HTML parser sees them.
fn nesting_over(text: &str, cap: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        i += at + 1;
        if b[i..].starts_with(b"!--") {
            i += find(&b[i..], b"-->").map_or(b.len() - i, |e| e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = text[start..start + len].to_ascii_lowercase();
        let end = find(&b[start..], b">").map_or(b.len(), |e| start + e);
        i = end.min(b.len());
        if close {
            if !FLAT.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if name == "script" || name == "style" {
            let closing = format!("</{name}");
            i += find(&b[i..], closing.as_bytes()).unwrap_or(b.len() - i);
        } else if !FLAT.contains(&name.as_str()) && !b[..i].ends_with(b"/") {
            depth += 1;
            if depth > cap {
                return Some(depth);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn span(v: Option<&str>) -> u32 {
    v.and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, 1000)
}

/// Cell text: paragraphs and `<br>` become line breaks, other whitespace collapses.
fn cell_text(td: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in td.descendants() {
        match d.value() {
            Node::Text(t) => s.push_str(t),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div") => s.push('\n'),
            _ => {}
        }
    }
    s.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Collapses runs of ASCII whitespace (HTML source formatting) and trims; keeps U+3000/nbsp
/// inside text, which the normalizer folds.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Document {
        HtmlAdapter
            .read(html.as_bytes(), &Limits::default())
            .unwrap_or_default()
    }

    #[test]
    fn rowspan_and_colspan_are_placed_on_the_grid() {
        let doc = read(
            "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td>C</td><td>D<br>E&nbsp;F</td></tr></table>",
        );
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("{doc:?}");
        };
        assert_eq!(
            (
                t.rows[0][0].row_span,
                t.rows[0][1].col_span,
                t.rows[0][1].col
            ),
            (2, 2, 1)
        );
        assert_eq!((t.rows[1][0].text.as_str(), t.rows[1][0].col), ("C", 1));
        assert_eq!(
            (t.rows[1][1].text.as_str(), t.rows[1][1].col),
            ("D\nE\u{a0}F", 2)
        );
    }

    #[test]
    fn layout_tables_are_containers_and_scripts_are_dropped() {
        let doc = read(
            "<html><head><title>x</title><script>var a='年度报告';</script></head><body><table><tr><td><h1>标题</h1><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table><p>尾<img src=a.png></p></body></html>",
        );
        let kinds = |blocks: &[Block]| -> Vec<&'static str> {
            blocks
                .iter()
                .map(|b| match b {
                    Block::Paragraph(_) => "p",
                    Block::Table(_) => "t",
                    Block::Image { .. } => "i",
                })
                .collect()
        };
        assert_eq!(kinds(&doc.blocks), ["t", "p", "i"]);
        let Some(Block::Table(page)) = doc.blocks.first() else {
            panic!("{doc:?}");
        };
        assert!(page.is_container());
        assert_eq!(kinds(&page.rows[0][0].blocks), ["p", "t"]);
        let Some(Block::Table(data)) = page.rows[0][0].blocks.get(1) else {
            panic!("{page:?}");
        };
        assert!(!data.is_container());
        assert_eq!(data.rows[0][1].text, "0");
        assert_eq!(
            data.rows[0][1].source.describe(xxgk_model::Lang::Zh),
            "第1个表格第1行第1格 › 第2个表格第1行第2格"
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing_and_spans_place_in_linear_time() {
        let deep = format!("<html><body>{}x</body></html>", "<div>".repeat(2000));
        assert_eq!(nesting_over(&deep, 1024), Some(1025));
        let sloppy = format!(
            "<html><body><table>{}</table></body></html>",
            "<tr><td><font size=2>1<p>x".repeat(3000)
        );
        assert_eq!(nesting_over(&sloppy, 1024), None);
        let err = HtmlAdapter.read(deep.as_bytes(), &Limits::default()).err();
        assert_eq!(err.map(|e| e.kind()), Some("limit_exceeded"));
        // 100 rows of rowspan=1000 colspan=1000 (a few KB): every cell placed, quickly.
        let spans = format!(
            "<html><body><table>{}</table></body></html>",
            "<tr><td colspan=1000 rowspan=1000>1</td></tr>".repeat(100)
        );
        let doc = read(&spans);
        let Some(Block::Table(t)) = doc.blocks.first() else {
            panic!("a table");
        };
        assert_eq!(t.rows.len(), 100);
        assert_eq!(t.rows[10][0].col, 10_000);
        // Past the tracked width, cells stop at its edge.
        assert_eq!(t.rows[99][0].col, MAX_COLUMNS as u32);
    }

    #[test]
    fn sniffing_needs_html_markers() {
        assert_eq!(HtmlAdapter.sniff(b"<!DOCTYPE html><html>"), Sniff::Yes);
        assert_eq!(HtmlAdapter.sniff("规章\t0\n".as_bytes()), Sniff::No);
    }
}
