//! Stage 2: DOCX-shaped intermediate -> format-neutral `Document`. Grid columns come from
//! `gridSpan`; a `vMerge` continuation adds a row to the span of the cell above it and is not
//! emitted. `SourceRef`s count tables, rows, cells and paragraphs from 1 in body order.

use crate::parse::{RawBlock, VMerge};
use std::collections::HashMap;
use xxgk_model::{Block, Cell, Document, Paragraph, SourceRef, Table};

pub(crate) fn lower(blocks: Vec<RawBlock>) -> Document {
    let mut doc = Document::default();
    let (mut table_no, mut para_no) = (0u32, 0u32);
    for b in blocks {
        match b {
            RawBlock::Paragraph(text) => {
                para_no += 1;
                if text.trim().is_empty() {
                    continue;
                }
                doc.blocks.push(Block::Paragraph(Paragraph {
                    text,
                    source: SourceRef::Paragraph { paragraph: para_no },
                }));
            }
            RawBlock::Image => {
                para_no += 1;
                doc.blocks.push(Block::Image {
                    source: SourceRef::Paragraph { paragraph: para_no },
                    alt: String::new(),
                });
            }
            RawBlock::Table(rows) => {
                table_no += 1;
                doc.blocks.push(Block::Table(table(table_no, rows)));
            }
        }
    }
    doc
}

fn table(table_no: u32, rows: Vec<Vec<crate::parse::RawCell>>) -> Table {
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
    // grid column -> (row, index in row) of the cell a vertical merge continues.
    let mut anchors: HashMap<u32, (usize, usize)> = HashMap::new();
    for (r, raw_row) in rows.into_iter().enumerate() {
        let mut row = Vec::with_capacity(raw_row.len());
        let mut col = 0u32;
        for (c, raw) in raw_row.into_iter().enumerate() {
            let span = raw.grid_span;
            if raw.v_merge == VMerge::Continue {
                if let Some(&(ar, ac)) = anchors.get(&col) {
                    if let Some(anchor) = out
                        .get_mut(ar)
                        .and_then(|row: &mut Vec<Cell>| row.get_mut(ac))
                    {
                        anchor.row_span += 1;
                        col += span;
                        continue;
                    }
                }
            }
            let source = SourceRef::TableCell {
                table: table_no,
                row: r as u32 + 1,
                col: c as u32 + 1,
            };
            let mut cell = Cell::new(raw.paragraphs.join("\n"), col, source);
            cell.col_span = span;
            if raw.v_merge == VMerge::Restart {
                anchors.insert(col, (r, row.len()));
            } else {
                anchors.remove(&col);
            }
            row.push(cell);
            col += span;
        }
        out.push(row);
    }
    Table {
        rows: out,
        source: SourceRef::TableCell {
            table: table_no,
            row: 1,
            col: 1,
        },
    }
}
