//! The FIB, the piece table, the paragraph properties, and the text cut into paragraphs,
//! cells and rows.

use crate::FORMAT;
use xxgk_model::{Block, Cell, Document, Limits, Msg, Paragraph, ReadError, SourceRef, Table};

use xxgk_ooxml::ole::{u16_at, u32_at};

fn corrupt(zh: &str, en: &str) -> ReadError {
    ReadError::Corrupt {
        format: FORMAT,
        detail: Msg::new(zh, en),
    }
}

/// What the File Information Block says.
pub(crate) struct Fib {
    /// The piece table is in `1Table` (else `0Table`).
    pub table_1: bool,
    /// Characters of the main document text (body; headers, notes and text boxes follow).
    pub ccp_text: usize,
    /// The piece table (CLX) in the table stream.
    pub clx: (usize, usize),
    /// The bin table of paragraph property pages (PlcfBtePapx) in the table stream.
    pub papx: (usize, usize),
    /// The bin table of character property pages (PlcfBteChpx) in the table stream.
    pub chpx: (usize, usize),
}

impl Fib {
    pub(crate) fn read(word: &[u8]) -> Result<Fib, ReadError> {
        let ident = u16_at(word, 0)
            .ok_or_else(|| corrupt("WordDocument 流为空", "the WordDocument stream is empty"))?;
        let n_fib = u16_at(word, 2).unwrap_or(0);
        if ident != 0xA5EC {
            return Err(ReadError::Unsupported(Msg::new(
                format!("WordDocument 流类型未知（0x{ident:04X}）的 OLE 文件：不是 Word 97-2003 文档"),
                format!("an OLE file with a WordDocument stream of an unknown kind (0x{ident:04X}): not a Word 97-2003 document"),
            )));
        }
        if n_fib < 0x00C1 {
            return Err(ReadError::Unsupported(Msg::new(
                format!("Word 6.0/95 文档（FIB 版本 0x{n_fib:04X}）；请另存为 .docx"),
                format!("a Word 6.0/95 document (FIB version 0x{n_fib:04X}); save it as .docx"),
            )));
        }
        let flags = u16_at(word, 0x0A).unwrap_or(0);
        if flags & 0x0100 != 0 {
            return Err(ReadError::Encrypted { format: FORMAT });
        }
        let pair = |index: usize| -> (usize, usize) {
            let at = 0x9A + 8 * index;
            (
                u32_at(word, at).unwrap_or(0) as usize,
                u32_at(word, at + 4).unwrap_or(0) as usize,
            )
        };
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp_text: u32_at(word, 0x4C).unwrap_or(0) as usize,
            clx: pair(33),
            papx: pair(13),
            chpx: pair(12),
        })
    }
}

/// A run of text in the piece table: characters from `cp`, stored at byte `fc` of the
/// WordDocument stream, one byte (cp1252) or two (UTF-16) each.
struct Piece {
    cp: usize,
    end: usize,
    fc: usize,
    compressed: bool,
}

fn pieces(table: &[u8], clx: (usize, usize)) -> Result<Vec<Piece>, ReadError> {
    let (at, len) = clx;
    let clx = table.get(at..at.saturating_add(len)).ok_or_else(|| {
        corrupt(
            "文本片段表不在表格流内",
            "the piece table lies outside the table stream",
        )
    })?;
    let mut i = 0;
    while let Some(&kind) = clx.get(i) {
        match kind {
            1 => i += 3 + u16_at(clx, i + 1).unwrap_or(0) as usize, // a Prc: skip it
            2 => {
                let lcb = u32_at(clx, i + 1).unwrap_or(0) as usize;
                let plc = clx
                    .get(i + 5..(i + 5).saturating_add(lcb))
                    .ok_or_else(|| corrupt("文本片段表被截断", "the piece table is cut short"))?;
                let n = lcb.saturating_sub(4) / 12;
                let mut out = Vec::with_capacity(n);
                for k in 0..n {
                    let cp = u32_at(plc, 4 * k).unwrap_or(0) as usize;
                    let end = u32_at(plc, 4 * (k + 1)).unwrap_or(0) as usize;
                    let raw = u32_at(plc, 4 * (n + 1) + 8 * k + 2).unwrap_or(0);
                    let compressed = raw & 0x4000_0000 != 0;
                    let fc = (raw & 0x3FFF_FFFF) as usize;
                    out.push(Piece {
                        cp,
                        end: end.max(cp),
                        fc: if compressed { fc / 2 } else { fc },
                        compressed,
                    });
                }
                return Ok(out);
            }
            _ => {
                return Err(corrupt(
                    "文本片段表有未知条目",
                    "the piece table has an unknown entry",
                ))
            }
        }
    }
    Err(corrupt(
        "文本片段表没有文本",
        "the piece table has no text pieces",
    ))
}

/// What a paragraph's properties say about tables.
#[derive(Debug, Clone, Default)]
struct Props {
    /// The paragraph is in a table cell.
    in_table: bool,
    /// The paragraph mark ends a row.
    ttp: bool,
    /// The row's cell definitions (sprmTDefTable's operand), on the mark that ends a row.
    cells: Option<RowDef>,
}

/// A row's cells: each one's left and right edge (twips) and merge flags.
#[derive(Debug, Clone, Default)]
struct RowDef {
    /// (left, right, merged into the cell on its left, continues the cell above)
    cells: Vec<(i32, i32, bool, bool)>,
}

impl RowDef {
    /// sprmTDefTable: itcMac, itcMac + 1 cell edges, then a 20-byte TC per cell whose first
    /// two bytes hold the merge flags.
    fn parse(op: &[u8]) -> Option<RowDef> {
        let n = *op.first()? as usize;
        let edge = |i: usize| -> Option<i32> {
            Some(i32::from(i16::from_le_bytes(
                op.get(1 + 2 * i..3 + 2 * i)?.try_into().ok()?,
            )))
        };
        let tcs = 1 + 2 * (n + 1);
        let mut cells = Vec::with_capacity(n);
        for i in 0..n {
            let flags = u16_at(op, tcs + 20 * i).unwrap_or(0);
            let horizontal = flags & 0x3 == 2;
            let vertical = (flags >> 5) & 0x3 == 1;
            cells.push((edge(i)?, edge(i + 1)?, horizontal, vertical));
        }
        Some(RowDef { cells })
    }
}

/// Paragraph properties that shape tables, by byte range of the WordDocument stream.
struct ParaProps {
    /// (start, end, properties), sorted by start.
    runs: Vec<(usize, usize, Props)>,
}

impl ParaProps {
    fn read(word: &[u8], table: &[u8], data: &[u8], plc: (usize, usize)) -> ParaProps {
        let mut runs: Vec<(usize, usize, Props)> = fkp_runs(word, table, plc, 13)
            .into_iter()
            .map(|(start, end, fkp, offset)| {
                let props = if offset == 0 {
                    Props::default()
                } else {
                    papx_flags(fkp, offset, data)
                };
                (start, end, props)
            })
            .collect();
        runs.sort_unstable_by_key(|r| r.0);
        ParaProps { runs }
    }

    /// The properties of the paragraph whose mark is at byte `fc`.
    fn at(&self, fc: usize) -> Option<&Props> {
        let i = self.runs.partition_point(|r| r.0 <= fc);
        match i.checked_sub(1).and_then(|i| self.runs.get(i)) {
            Some((_, end, props)) if fc < *end => Some(props),
            _ => None,
        }
    }
}

/// sprmPFInTable and sprmPFTtp (and their inner-table forms) in one PAPX of an FKP page.
fn papx_flags(fkp: &[u8], offset: usize, data: &[u8]) -> Props {
    let Some(&cb) = fkp.get(offset) else {
        return Props::default();
    };
    let (start, len) = if cb == 0 {
        (
            offset + 2,
            2 * fkp.get(offset + 1).copied().unwrap_or(0) as usize,
        )
    } else {
        (offset + 1, 2 * cb as usize - 1)
    };
    // the first two bytes are the style
    let mut props = Props::default();
    if let Some(grpprl) = fkp.get(start + 2..(start + len).min(fkp.len())) {
        sprm_flags(grpprl, data, true, &mut props);
    }
    props
}

/// The table flags in a list of sprms. A paragraph whose properties do not fit in its page
/// (long table definitions) keeps them in the Data stream, named by sprmPHugePapx.
fn sprm_flags(grpprl: &[u8], data: &[u8], follow_huge: bool, props: &mut Props) {
    let mut i = 0;
    while let Some(sprm) = u16_at(grpprl, i) {
        let operand = grpprl.get(i + 2).copied().unwrap_or(0);
        match sprm {
            0x2416 | 0x244B => props.in_table |= operand != 0, // sprmPFInTable, …InnerTableCell
            0x2417 | 0x244C => props.ttp |= operand != 0,      // sprmPFTtp, sprmPFInnerTtp
            0xD608 => {
                let cb = u16_at(grpprl, i + 2).unwrap_or(0) as usize;
                let op = grpprl.get(i + 4..(i + 3 + cb).min(grpprl.len()));
                props.cells = op.and_then(RowDef::parse);
            }
            0x6646 if follow_huge => {
                // sprmPHugePapx: the properties at this offset of the Data stream
                let at = u32_at(grpprl, i + 2).unwrap_or(u32::MAX) as usize;
                let cb = u16_at(data, at).unwrap_or(0) as usize;
                if let Some(huge) = data.get(at + 2..(at + 2).saturating_add(cb)) {
                    sprm_flags(huge, data, false, props);
                }
            }
            _ => {}
        }
        i += 2 + sprm_size(grpprl, i, sprm, operand);
    }
}

/// The runs of one bin table's property pages (FKPs of 512 bytes in the WordDocument stream):
/// each run's byte range, its page, and where its properties start in the page (0: none).
/// `entry` is the size of a run's entry after the page's range list (13 for paragraphs, 1 for
/// characters).
fn fkp_runs<'a>(
    word: &'a [u8],
    table: &[u8],
    plc: (usize, usize),
    entry: usize,
) -> Vec<(usize, usize, &'a [u8], usize)> {
    let mut out = Vec::new();
    let Some(bte) = table.get(plc.0..plc.0.saturating_add(plc.1)) else {
        return out;
    };
    let n = bte.len().saturating_sub(4) / 8;
    // Each FKP page is read once, however often the bin table names it.
    let mut seen = vec![false; word.len() / 512 + 1];
    for k in 0..n {
        let page = (u32_at(bte, 4 * (n + 1) + 4 * k).unwrap_or(0) & 0x3F_FFFF) as usize;
        match seen.get_mut(page) {
            Some(s) if !*s => *s = true,
            _ => continue,
        }
        let Some(fkp) = word.get(page * 512..page * 512 + 512) else {
            continue;
        };
        let crun = fkp[511] as usize;
        for r in 0..crun {
            let (Some(start), Some(end)) = (u32_at(fkp, 4 * r), u32_at(fkp, 4 * (r + 1))) else {
                break;
            };
            let offset = 2 * fkp.get(4 * (crun + 1) + entry * r).copied().unwrap_or(0) as usize;
            out.push((start as usize, end as usize, fkp, offset));
        }
    }
    out
}

/// The byte ranges of text marked deleted by a tracked change (sprmCFRMarkDel in the
/// character properties): not content, as in Word's "accept all changes" view.
fn deleted_ranges(word: &[u8], table: &[u8], plc: (usize, usize)) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = fkp_runs(word, table, plc, 1)
        .into_iter()
        .filter(|&(_, _, fkp, offset)| {
            let cb = fkp.get(offset).copied().unwrap_or(0) as usize;
            offset != 0
                && cb != 0
                && fkp
                    .get(offset + 1..(offset + 1 + cb).min(fkp.len()))
                    .and_then(|grpprl| sprm_operand(grpprl, 0x0800))
                    .is_some_and(|v| v != 0)
        })
        .map(|(start, end, ..)| (start, end))
        .collect();
    out.sort_unstable();
    out
}

/// The first byte of a sprm's operand in a list of sprms, if the sprm is there.
fn sprm_operand(grpprl: &[u8], wanted: u16) -> Option<u8> {
    let mut i = 0;
    while let Some(sprm) = u16_at(grpprl, i) {
        let operand = grpprl.get(i + 2).copied().unwrap_or(0);
        if sprm == wanted {
            return Some(operand);
        }
        i += 2 + sprm_size(grpprl, i, sprm, operand);
    }
    None
}

/// The size of a sprm's operand (its `spra` bits; variable sizes read from the operand).
fn sprm_size(grpprl: &[u8], i: usize, sprm: u16, operand: u8) -> usize {
    match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        // sprmTDefTable: a 2-byte count of the bytes that follow, plus one
        _ if sprm == 0xD608 => 1 + u16_at(grpprl, i + 2).unwrap_or(0) as usize,
        _ => 1 + operand as usize,
    }
}

/// The main text as characters, each with the byte where it is stored.
fn characters(
    word: &[u8],
    pieces: &[Piece],
    ccp: usize,
    limits: &Limits,
) -> Result<Vec<(char, usize)>, ReadError> {
    if ccp as u64 > limits.max_text_bytes {
        return Err(ReadError::LimitExceeded {
            what: Msg::new(
                format!("Word 文档正文 {ccp} 个字符"),
                format!("Word document text of {ccp} characters"),
            ),
            limit: limits.max_text_bytes,
        });
    }
    let mut out = Vec::with_capacity(ccp.min(word.len()));
    // Each character position is read once: a piece that covers text an earlier piece
    // covered adds only what lies past it (pieces naming the same text over and over would
    // otherwise multiply it).
    let mut covered = 0usize;
    for p in pieces {
        let start = p.cp.max(covered);
        let end = p.end.min(ccp);
        if start >= end {
            continue;
        }
        covered = end;
        let skip = start - p.cp;
        let p = &Piece {
            cp: start,
            end,
            fc: p.fc + if p.compressed { skip } else { 2 * skip },
            compressed: p.compressed,
        };
        let count = p.end - p.cp;
        if p.compressed {
            let Some(bytes) = word.get(p.fc..p.fc.saturating_add(count)) else {
                return Err(corrupt(
                    "文本片段不在 WordDocument 流内",
                    "a text piece lies outside the WordDocument stream",
                ));
            };
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            out.extend(text.chars().zip(p.fc..));
        } else {
            let Some(bytes) = word.get(p.fc..p.fc.saturating_add(2 * count)) else {
                return Err(corrupt(
                    "文本片段不在 WordDocument 流内",
                    "a text piece lies outside the WordDocument stream",
                ));
            };
            let units = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]));
            let fcs = (p.fc..).step_by(2);
            out.extend(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or('\u{FFFD}'))
                    .zip(fcs),
            );
        }
    }
    Ok(out)
}

/// The deepest field nesting followed (Word nests a few levels; a document may open fields
/// without closing them).
const MAX_FIELD_DEPTH: usize = 64;

/// Builds the blocks: paragraphs end at 0x0D, cells at 0x07, rows at a 0x07 that ends a row.
struct Builder {
    doc: Document,
    text: String,
    picture: bool,
    cell: String,
    row: Vec<Cell>,
    rows: Vec<(Vec<Cell>, Option<RowDef>)>,
    paragraphs: u32,
    tables: u32,
}

impl Builder {
    fn paragraph(&mut self) {
        self.close_table();
        self.paragraphs += 1;
        let text = std::mem::take(&mut self.text);
        let source = SourceRef::Paragraph {
            paragraph: self.paragraphs,
        };
        if !text.trim().is_empty() {
            self.doc
                .blocks
                .push(Block::Paragraph(Paragraph { text, source }));
        } else if self.picture {
            self.doc.blocks.push(Block::Image {
                source,
                alt: String::new(),
            });
        }
        self.picture = false;
    }

    fn cell(&mut self) {
        let mut text = std::mem::take(&mut self.cell);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&std::mem::take(&mut self.text));
        let source = SourceRef::TableCell {
            table: self.tables + 1,
            row: self.rows.len() as u32 + 1,
            col: self.row.len() as u32 + 1,
        };
        let col = self.row.len() as u32;
        self.row.push(Cell::new(text, col, source));
        self.picture = false;
    }

    fn row_end(&mut self, def: Option<&RowDef>) {
        self.text.clear();
        let row = std::mem::take(&mut self.row);
        self.rows.push((row, def.cloned()));
    }

    fn close_table(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        self.tables += 1;
        let rows = lay_on_grid(std::mem::take(&mut self.rows));
        self.doc.blocks.push(Block::Table(Table {
            rows,
            source: SourceRef::TableCell {
                table: self.tables,
                row: 1,
                col: 1,
            },
        }));
    }
}

/// Grid columns from the rows' cell edges (every edge of the table is a column boundary);
/// a cell merged into the one on its left widens it, a cell continuing the one above adds a
/// row to its span. Rows whose definitions are missing or do not match keep one column per
/// cell.
fn lay_on_grid(rows: Vec<(Vec<Cell>, Option<RowDef>)>) -> Vec<Vec<Cell>> {
    let mut edges: Vec<i32> = rows
        .iter()
        .filter_map(|(_, d)| d.as_ref())
        .flat_map(|d| d.cells.iter().flat_map(|c| [c.0, c.1]))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let column = |x: i32| edges.partition_point(|&e| e < x) as u32;
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
    // grid column -> (row, index) of the cell a vertical merge continues
    let mut above: std::collections::HashMap<u32, (usize, usize)> = Default::default();
    for (r, (cells, def)) in rows.into_iter().enumerate() {
        let defs = def.filter(|d| d.cells.len() == cells.len());
        let mut row: Vec<Cell> = Vec::with_capacity(cells.len());
        for (k, mut cell) in cells.into_iter().enumerate() {
            let Some(&(left, right, horizontal, vertical)) =
                defs.as_ref().and_then(|d| d.cells.get(k))
            else {
                row.push(cell);
                continue;
            };
            let (col, end) = (column(left), column(right));
            if horizontal {
                if let Some(prev) = row.last_mut() {
                    prev.col_span = end.saturating_sub(prev.col).max(1);
                    continue;
                }
            }
            if vertical {
                if let Some(&(ar, ac)) = above.get(&col) {
                    if let Some(anchor) = out.get_mut(ar).and_then(|x| x.get_mut(ac)) {
                        anchor.row_span += 1;
                        continue;
                    }
                }
            }
            cell.col = col;
            cell.col_span = end.saturating_sub(col).max(1);
            above.insert(col, (r, row.len()));
            row.push(cell);
        }
        out.push(row);
    }
    out
}

pub(crate) fn read(
    word: &[u8],
    table: &[u8],
    data: &[u8],
    fib: &Fib,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let pieces = pieces(table, fib.clx)?;
    let mut chars = characters(word, &pieces, fib.ccp_text, limits)?;
    let deleted = deleted_ranges(word, table, fib.chpx);
    if !deleted.is_empty() {
        chars.retain(|&(_, fc)| {
            let i = deleted.partition_point(|r| r.0 <= fc);
            i.checked_sub(1).is_none_or(|i| fc >= deleted[i].1)
        });
    }
    let props = ParaProps::read(word, table, data, fib.papx);
    let mut b = Builder {
        doc: Document::default(),
        text: String::new(),
        picture: false,
        cell: String::new(),
        row: Vec::new(),
        rows: Vec::new(),
        paragraphs: 0,
        tables: 0,
    };
    // Fields: 0x13 instruction 0x14 result 0x15, nested; only results are text. `hidden`
    // counts the open fields still in their instruction part; nesting past MAX_FIELD_DEPTH
    // is not followed (its marks are dropped).
    let mut fields: Vec<bool> = Vec::new(); // per open field: in its result part
    let mut hidden = 0usize;
    for &(c, fc) in &chars {
        match c {
            '\u{13}' if fields.len() < MAX_FIELD_DEPTH => {
                fields.push(false);
                hidden += 1;
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    if !*f {
                        *f = true;
                        hidden -= 1;
                    }
                }
            }
            '\u{15}' => {
                if fields.pop() == Some(false) {
                    hidden -= 1;
                }
            }
            '\u{13}' => {}
            _ if hidden > 0 => {}
            '\r' => {
                if props.at(fc).is_some_and(|p| p.in_table) {
                    // a paragraph inside a cell: its text stays in the cell
                    if !b.cell.is_empty() {
                        b.cell.push('\n');
                    }
                    let t = std::mem::take(&mut b.text);
                    b.cell.push_str(&t);
                } else {
                    b.paragraph();
                }
            }
            '\u{7}' => {
                let p = props.at(fc);
                if p.is_some_and(|p| p.ttp) {
                    b.row_end(p.and_then(|p| p.cells.as_ref()));
                } else {
                    b.cell();
                }
            }
            '\u{b}' => b.text.push('\n'),
            '\u{c}' => b.paragraph(),
            '\t' => b.text.push('\t'),
            '\u{1e}' => b.text.push('-'),
            '\u{1}' | '\u{8}' => b.picture = true,
            c if (c as u32) < 0x20 => {}
            c => b.text.push(c),
        }
    }
    if !b.text.trim().is_empty() {
        b.paragraph();
    }
    b.close_table();
    Ok(b.doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fib(ccp: usize, clx: (usize, usize), papx: (usize, usize)) -> Fib {
        Fib {
            table_1: true,
            ccp_text: ccp,
            clx,
            papx,
            chpx: (0, 0),
        }
    }

    /// A piece table of `n` pieces, each covering characters 0..ccp stored (8-bit) at byte 0.
    fn clx(n: usize, ccp: u32) -> Vec<u8> {
        let mut plc = Vec::new();
        for k in 0..=n {
            plc.extend_from_slice(&(if k % 2 == 0 { 0 } else { ccp }).to_le_bytes());
        }
        // Pieces alternate 0..ccp and ccp..0 in the position list; every one names byte 0.
        for _ in 0..n {
            plc.extend_from_slice(&[0, 0]);
            plc.extend_from_slice(&0x4000_0000u32.to_le_bytes());
            plc.extend_from_slice(&[0, 0]);
        }
        let mut out = vec![2];
        out.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        out.extend_from_slice(&plc);
        out
    }

    fn paragraphs(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                xxgk_model::Block::Paragraph(p) => Some(p.text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn pieces_covering_the_same_text_read_it_once() {
        let word = b"abc\r".to_vec();
        let table = clx(20_001, 4);
        let f = fib(4, (0, table.len()), (0, 0));
        let doc = read(&word, &table, &[], &f, &Limits::default()).unwrap();
        assert_eq!(paragraphs(&doc), ["abc"]);
    }

    #[test]
    fn unclosed_fields_cost_one_pass_and_hide_their_text() {
        let mut word = vec![0x13u8; 500_000];
        word.extend_from_slice(b"x\r");
        let table = clx(1, word.len() as u32);
        let f = fib(word.len(), (0, table.len()), (0, 0));
        let start = std::time::Instant::now();
        let doc = read(&word, &table, &[], &f, &Limits::default()).unwrap();
        assert!(start.elapsed().as_secs() < 5);
        // The field nesting past the limit is not followed; what is inside the fields is
        // instruction text, never content.
        assert!(paragraphs(&doc).iter().all(|p| !p.contains('x')));
    }

    #[test]
    fn a_bin_table_naming_one_page_again_and_again_reads_it_once() {
        // Text at bytes 0..4, its FKP page at page 1: one run, 0..4.
        let mut word = b"abc\r".to_vec();
        word.resize(1024, 0);
        word[512..516].copy_from_slice(&0u32.to_le_bytes());
        word[516..520].copy_from_slice(&4u32.to_le_bytes());
        word[1023] = 1;
        let n = 200_000;
        let mut bte = Vec::new();
        for k in 0..=n {
            bte.extend_from_slice(&(if k == n { 4u32 } else { 0 }).to_le_bytes());
        }
        for _ in 0..n {
            bte.extend_from_slice(&1u32.to_le_bytes());
        }
        let props = ParaProps::read(&word, &bte, &[], (0, bte.len()));
        assert_eq!(props.runs.len(), 1);
    }
}
