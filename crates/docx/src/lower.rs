//! Stage 2: DOCX-shaped intermediate -> format-neutral `Document`. Grid columns come from
//! `gridSpan`; a `vMerge` continuation adds a row to the span of the cell above it and is not
//! emitted. `SourceRef`s count tables, rows, cells and paragraphs from 1 in body order.

use crate::parse::{RawBlock, RawCell, VMerge};
use std::collections::HashMap;
use xxgk_model::{Block, Cell, Document, Paragraph, SourceRef, Table};

pub(crate) fn lower(blocks: Vec<RawBlock>) -> Document {
    let mut doc = Document::default();
    let (mut tables, mut para_no) = (0u32, 0u32);
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
                doc.blocks
                    .push(Block::Table(table(&mut tables, rows, None)));
            }
        }
    }
    doc
}

/// A table, numbered in document order (`tables` counts every table, nested ones included);
/// `outer` is the cell it is nested in.
fn table(tables: &mut u32, rows: Vec<Vec<RawCell>>, outer: Option<&SourceRef>) -> Table {
    *tables += 1;
    let table_no = *tables;
    let place = |row: u32, col: u32| {
        let cell = SourceRef::TableCell {
            table: table_no,
            row,
            col,
        };
        match outer {
            Some(o) => SourceRef::Nested {
                outer: Box::new(o.clone()),
                inner: Box::new(cell),
            },
            None => cell,
        }
    };
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
            let source = place(r as u32 + 1, c as u32 + 1);
            let mut cell = cell(tables, raw.content, col, source);
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
        source: place(1, 1),
    }
}

/// A cell: its paragraphs' text; and where it holds a table or a picture, its content as
/// blocks in order, for the container rule (`Table::is_container`).
fn cell(tables: &mut u32, content: Vec<RawBlock>, col: u32, source: SourceRef) -> Cell {
    let text: Vec<&str> = content
        .iter()
        .filter_map(|b| match b {
            RawBlock::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    let mut cell = Cell::new(text.join("\n"), col, source.clone());
    if content.iter().any(|b| !matches!(b, RawBlock::Paragraph(_))) {
        for b in content {
            cell.blocks.push(match b {
                RawBlock::Paragraph(text) if text.trim().is_empty() => continue,
                RawBlock::Paragraph(text) => Block::Paragraph(Paragraph {
                    text,
                    source: source.clone(),
                }),
                RawBlock::Image => Block::Image {
                    source: source.clone(),
                    alt: String::new(),
                },
                RawBlock::Table(rows) => Block::Table(table(tables, rows, Some(&source))),
            });
        }
    }
    cell
}
